// `npm run smoke`: see scripts/smoke-command.ts.
import { runSmokeCommand } from './smoke-command.js';

process.exitCode = await runSmokeCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
