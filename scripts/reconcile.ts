// `npm run reconcile`: see scripts/reconcile-command.ts.
import { runReconcileCommand } from './reconcile-command.js';

process.exitCode = await runReconcileCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
