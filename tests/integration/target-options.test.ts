// keys, smoke, seed, events and reconcile take one set of target options, named alike, with a --help that lists them.
import { describe, expect, it } from 'vitest';
import { eventsCommand } from '../../tools/cli/commands/events.js';
import { keysCommand } from '../../tools/cli/commands/keys.js';
import { reconcileCommand } from '../../tools/cli/commands/reconcile.js';
import { seedCommand } from '../../tools/cli/commands/seed.js';
import { smokeCommand } from '../../tools/cli/commands/smoke.js';
import { type Command, runCommand } from '../../tools/cli/runner.js';
import { tables, uniqueId } from '../support/table-records.js';

const run = async (command: Command, argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(command, argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const commands: [string, Command, string[]][] = [
  ['keys', keysCommand, ['list']],
  ['smoke', smokeCommand, ['--url', 'http://127.0.0.1:9', '--key', 'ck_x', '--write']],
  ['events', eventsCommand, ['replay', '--since', '2026-11-30T00:00:00Z']],
  ['reconcile', reconcileCommand, []],
];

describe('the command-line target options', () => {
  it.each([...commands.map(([name, command]) => [name, command] as const), ['seed', seedCommand] as const])(
    '%s --help lists --endpoint, and --stack where a deployed stack is a target',
    async (name, command) => {
      const help = await run(command, ['--help']);
      expect(help.code).toBe(0);
      expect(help.out).toContain('--endpoint <url>');
      if (name === 'seed') expect(help.out).not.toContain('--stack');
      else expect(help.out).toContain('--stack <name>');
    },
  );

  it.each(commands)('%s without a target suggests only options it takes', async (name, command, argv) => {
    const result = await run(command, argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--stack <name>.*--endpoint <url>/);
    if (name !== 'keys') expect(result.err.split('\n')[0]).not.toContain('--table');
  });

  it('takes --endpoint where DYNAMODB_ENDPOINT was needed', async () => {
    const keys = await run(
      keysCommand,
      ['create', '--user', uniqueId('t'), '--plan', 'pro', '--endpoint', String(process.env.DYNAMODB_ENDPOINT)],
      {
        API_KEYS_TABLE: tables.apiKeys,
        AWS_REGION: 'us-east-1',
      },
    );
    expect(keys.code).toBe(0);
    expect(keys.out).toMatch(/^key: +ck_/m);
  });
});
