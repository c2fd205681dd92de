// `npm run events`: see scripts/events-command.ts.
import { runEventsCommand } from './events-command.js';

process.exitCode = await runEventsCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
