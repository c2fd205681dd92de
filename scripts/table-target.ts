// Where the command-line tools find a table: --table, a deployed stack's outputs (--stack), or the local API's DynamoDB.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { createDocumentClient, type DynamoDBDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local.js';

export class UsageError extends Error {}

/**
 * The target options every command takes, named alike: a deployed stack, or DynamoDB Local (`--endpoint`, or the
 * DYNAMODB_ENDPOINT variable). `--help` prints a command's usage.
 */
export const TARGET_OPTIONS = {
  stack: { type: 'string' },
  endpoint: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const TARGET_HELP = `target:
  --stack <name>     a deployed stack: its tables (and bus) from its outputs, with the default AWS credentials and region
  --endpoint <url>   DynamoDB Local, e.g. the endpoint npm start printed (or set DYNAMODB_ENDPOINT=<url>)
  or deployed tables by name in REFERRALS_TABLE, API_KEYS_TABLE and USAGE_TABLE, as a pipeline step has them`;

/** The environment a command runs against: --endpoint stands for DYNAMODB_ENDPOINT. */
export const targetEnvironment = (values: { endpoint?: string | undefined }, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  values.endpoint ? { ...env, DYNAMODB_ENDPOINT: values.endpoint } : env;

/** The stack's outputs by key, read with the default credential chain and region. */
export const stackOutputs = async (stackName: string): Promise<Record<string, string>> => {
  const client = new CloudFormationClient({});
  try {
    const result = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = result.Stacks?.[0]?.Outputs ?? [];
    return Object.fromEntries(
      outputs.flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])),
    );
  } finally {
    client.destroy();
  }
};

/**
 * A document client for the target: DynamoDB Local when DYNAMODB_ENDPOINT is set (with throwaway credentials,
 * as it accepts any), else AWS with the default credential chain and region.
 */
export const targetClient = (env: NodeJS.ProcessEnv): DynamoDBDocumentClient => {
  const endpoint = env.DYNAMODB_ENDPOINT;
  if (!endpoint) return createDocumentClient({ maxAttempts: 2 });
  return createDocumentClient({
    endpoint,
    region: env.AWS_REGION ?? LOCAL_REGION,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? LOCAL_CREDENTIALS.accessKeyId,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? LOCAL_CREDENTIALS.secretAccessKey,
    },
    maxAttempts: 2,
  });
};

/** Names a table from --table, or from the stack output, or from the local default when DYNAMODB_ENDPOINT is set. */
export const resolveTable = async (
  options: { table?: string; stack?: string },
  env: NodeJS.ProcessEnv,
  target: { output: string; variable: string; local: string },
  /** Whether the command also takes --table, so that the error suggests only options that exist. */
  takesTable = false,
): Promise<string> => {
  if (options.table) return options.table;
  if (options.stack) {
    const name = (await stackOutputs(options.stack))[target.output];
    if (!name) throw new Error(`stack ${options.stack} has no output ${target.output}`);
    return name;
  }
  // A deployed table named by its variable (a pipeline step reads the stage's outputs into them), or a local one.
  if (env[target.variable] && !env.DYNAMODB_ENDPOINT) return env[target.variable] as string;
  if (env.DYNAMODB_ENDPOINT) return env[target.variable] ?? target.local;
  throw new UsageError(`name the target: --stack <name>${takesTable ? ', --table <name>' : ''} or --endpoint <url> (DynamoDB Local)`);
};

/** One line for an error of the AWS SDK or the network, never a stack trace. */
export const describeFailure = (error: unknown, table: string | undefined, env: NodeJS.ProcessEnv): string => {
  const e = error as { name?: string; message?: string; code?: string };
  if (e.name === 'ResourceNotFoundException') return `table ${table ?? '?'} does not exist`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(e.code ?? '') || e.name === 'TimeoutError') {
    return `cannot reach DynamoDB${env.DYNAMODB_ENDPOINT ? ` at ${env.DYNAMODB_ENDPOINT}` : ''} (${e.code ?? e.name})`;
  }
  if (e.name === 'CredentialsProviderError') return 'no AWS credentials: configure the default credential chain, or set DYNAMODB_ENDPOINT';
  return e.message ?? String(error);
};

/**
 * A command's failure as its exit code: a usage error (2) prints the message and the usage; anything else (1) is
 * one line from describeFailure.
 */
export const reportFailure = (
  command: string,
  usage: string,
  error: unknown,
  err: (line: string) => void,
  context: { table: string | undefined; env: NodeJS.ProcessEnv },
): number => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    err(`${command}: ${(error as Error).message}`);
    err(usage);
    return 2;
  }
  err(`${command}: ${describeFailure(error, context.table, context.env)}`);
  return 1;
};
