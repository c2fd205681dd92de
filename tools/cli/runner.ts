// The skeleton every command-line tool shares: its options parsed, --help answered, --endpoint taken for
// DYNAMODB_ENDPOINT, and a failure told in one line with an exit code: 0 done, 1 failed, 2 bad usage.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import type { DynamoDBDocumentClient } from '../../functions/adapters/dynamodb-client.js';

/** Where a command writes its lines: standard output and standard error, or a test's arrays. */
export type Io = { out: (line: string) => void; err: (line: string) => void };

/** Bad input, found before anything is written: the command prints its usage and exits 2. */
export class UsageError extends Error {}

/** What a test hands a command in place of the real thing. */
export type Overrides = { client?: DynamoDBDocumentClient; now?: () => Date; pageSize?: number };

const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

type Options<O extends ParseArgsOptionsConfig> = O & typeof HELP_OPTION;
type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: Options<O>; allowPositionals: boolean; strict: true }>
>['values'];

/** One run of a command: its parsed arguments, its environment and where it writes. */
export type Invocation<O extends ParseArgsOptionsConfig> = {
  values: Values<O>;
  positionals: string[];
  /** The process's environment, with --endpoint as DYNAMODB_ENDPOINT. */
  env: NodeJS.ProcessEnv;
  io: Io;
  overrides: Overrides;
  /** The table a failure names ("table … does not exist"), once the command knows which it is using. */
  table: string | undefined;
};

export type Command<O extends ParseArgsOptionsConfig = ParseArgsOptionsConfig> = {
  /** The command's name as npm runs it, which starts each of its error lines. */
  name: string;
  /** Printed by --help, and after a usage error. */
  usage: string;
  /** Its options; --help is every command's. */
  options: O;
  /** Whether it takes positional arguments (a subcommand, a key id); without them, one is a usage error. */
  positionals?: boolean;
  run(invocation: Invocation<O>): Promise<number>;
  /** Reports a failure that is not a usage error, where the command's own way differs from describeFailure's line. */
  reportFailure?(error: unknown, io: Io): number;
};

/** Types a command's values from its options. */
export const defineCommand = <O extends ParseArgsOptionsConfig>(command: Command<O>): Command<O> => command;

/** One line for an error of the AWS SDK or the network, never a stack trace. */
const describeFailure = (error: unknown, table: string | undefined, env: NodeJS.ProcessEnv): string => {
  const e = error as { name?: string; message?: string; code?: string };
  if (e.name === 'ResourceNotFoundException') return `table ${table ?? '?'} does not exist`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(e.code ?? '') || e.name === 'TimeoutError') {
    return `cannot reach DynamoDB${env.DYNAMODB_ENDPOINT ? ` at ${env.DYNAMODB_ENDPOINT}` : ''} (${e.code ?? e.name})`;
  }
  if (e.name === 'CredentialsProviderError') return 'no AWS credentials: configure the default credential chain, or set DYNAMODB_ENDPOINT';
  return e.message ?? String(error);
};

/** Whether an error is bad input: the command's own, or an option parseArgs refused. */
const isUsageError = (error: unknown): boolean =>
  error instanceof UsageError || Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));

/** Runs a command on its arguments and returns its exit code; nothing it reports carries a stack trace. */
export const runCommand = async <O extends ParseArgsOptionsConfig>(
  command: Command<O>,
  argv: string[],
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Overrides = {},
): Promise<number> => {
  // What a failure is reported with: the environment and table as far as the command got.
  let failed: Pick<Invocation<O>, 'env' | 'table'> = { env, table: undefined };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: command.positionals ?? false,
      strict: true,
      options: { ...command.options, ...HELP_OPTION },
    }) as { values: Values<O>; positionals: string[] };
    // Every command's --help; its own options are typed by its definition.
    const common = values as { help?: boolean; endpoint?: string };
    if (common.help) {
      io.out(command.usage);
      return 0;
    }
    const endpoint = common.endpoint;
    const invocation: Invocation<O> = {
      values,
      positionals,
      env: endpoint ? { ...env, DYNAMODB_ENDPOINT: endpoint } : env,
      io,
      overrides,
      table: undefined,
    };
    failed = invocation;
    return await command.run(invocation);
  } catch (error) {
    if (command.reportFailure && !(error instanceof UsageError)) return command.reportFailure(error, io);
    if (isUsageError(error)) {
      io.err(`${command.name}: ${(error as Error).message}`);
      io.err(command.usage);
      return 2;
    }
    io.err(`${command.name}: ${describeFailure(error, failed.table, failed.env)}`);
    return 1;
  }
};
