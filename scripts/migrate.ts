// `npm run migrate`: see scripts/migrate-command.ts.
import { runMigrateCommand } from './migrate-command.js';

process.exitCode = await runMigrateCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
