// `npm run keys`: see scripts/keys-command.ts.
import { runKeysCommand } from './keys-command.js';

process.exitCode = await runKeysCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
