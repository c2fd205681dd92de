// Where a command finds its tables and the client to reach them: --table, a deployed stack's outputs (--stack),
// deployed tables named in the environment, or DynamoDB Local (--endpoint).
import { createDocumentClient, type DynamoDBDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { UsageError } from './runner.js';
import { stackOutputs } from './stack-outputs.js';

/** The target options every command with a deployed target takes, named alike: a stack, or DynamoDB Local. */
export const TARGET_OPTIONS = {
  stack: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

export const TARGET_HELP = `target:
  --stack <name>     a deployed stack: its tables (and bus) from its outputs, with the default AWS credentials and region
  --endpoint <url>   DynamoDB Local, e.g. the endpoint npm start printed (or set DYNAMODB_ENDPOINT=<url>)
  or deployed tables by name in REFERRALS_TABLE, API_KEYS_TABLE and USAGE_TABLE, as a pipeline step has them`;

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

/** Runs work with a client for the target, destroyed after; a test's own client is used as given, and kept. */
export const withTargetClient = async <T>(
  env: NodeJS.ProcessEnv,
  work: (client: DynamoDBDocumentClient) => Promise<T>,
  given?: DynamoDBDocumentClient,
): Promise<T> => {
  const client = given ?? targetClient(env);
  try {
    return await work(client);
  } finally {
    if (!given) client.destroy();
  }
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
