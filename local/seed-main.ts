// `npm run seed`: see local/seed-command.ts.
import { runSeedCommand } from './seed-command.js';

process.exitCode = await runSeedCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
