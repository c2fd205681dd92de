// The command-line tools' one entry: `tsx tools/cli/main.ts <command> [arguments]`, which package.json's scripts
// name keys, events, migrate, reconcile, smoke, capacity and seed.
import { type Command, runCommand } from './runner.js';

/** Each command's module, imported only when it runs: keys need not load the EventBridge and CloudFormation clients. */
const commands: Record<string, () => Promise<Command>> = {
  capacity: async () => (await import('./commands/capacity.js')).capacityCommand,
  events: async () => (await import('./commands/events.js')).eventsCommand,
  keys: async () => (await import('./commands/keys.js')).keysCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  reconcile: async () => (await import('./commands/reconcile.js')).reconcileCommand,
  seed: async () => (await import('./commands/seed.js')).seedCommand,
  smoke: async () => (await import('./commands/smoke.js')).smokeCommand,
};

const [name = '', ...argv] = process.argv.slice(2);
const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
if (load) {
  process.exitCode = await runCommand(await load(), argv, { out: (line) => console.log(line), err: (line) => console.error(line) });
} else {
  console.error(`usage: tsx tools/cli/main.ts <${Object.keys(commands).join(' | ')}> [arguments]`);
  process.exitCode = 2;
}
