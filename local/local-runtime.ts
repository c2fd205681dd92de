// Prepares this machine to run the deployed handlers: DynamoDB (started or given), tables, seed data, console JWT issuer, environment.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeedWriter } from '../functions/adapters/seed-writer.js';
import { jwtSettingsFrom } from '../functions/auth/jwt-settings.js';
import { type TableKey, tableEnvironment } from '../lib/tables.js';
import { type ConsoleIssuer, startConsoleIssuer } from './console-jwks.js';
import { ensureTables, LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_TABLE_NAMES, startDynamoDbLocal } from './dynamodb-local.js';
import { loadSeed, readSeed, type Seed, seedClient } from './seed.js';

export const DEMO_SEED_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-seed.json');

export type LocalRuntime = {
  dynamoEndpoint: string;
  startedDynamoDb: boolean;
  /** Present when this runtime issues its own console tokens. */
  issuer?: ConsoleIssuer;
  /** The seed that was read (and loaded, unless the DynamoDB was external and not to be seeded). */
  seed: Seed;
  stop(): Promise<void>;
};

/** A step of the start that failed, told in one line that names it: its stack is its message. */
export class StartStepError extends Error {
  constructor(step: string, cause: unknown) {
    const e = cause as { name?: string; code?: string; message?: string };
    super(`${step} failed: ${e.message ?? String(cause)}${e.code ? ` (${e.code})` : ''}`);
    this.name = 'StartStepError';
    this.stack = this.message;
  }
}

const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw new StartStepError(name, error);
  }
};

export const prepareLocalRuntime = async (options: {
  seedFile?: string;
  issueConsoleTokens: boolean;
  /** Whether to write the seed into a DynamoDB this runtime did not start (it may hold someone's data). */
  seedExternal: boolean;
}): Promise<LocalRuntime> => {
  // Read and check the seed before starting anything, so a bad file fails fast.
  const seed = await readSeed(options.seedFile ?? DEMO_SEED_FILE);

  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
  for (const key of Object.keys(tableEnvironment) as TableKey[]) process.env[tableEnvironment[key]] ??= LOCAL_TABLE_NAMES[key];

  const external = process.env.DYNAMODB_ENDPOINT;
  const dynamo = external
    ? { endpoint: external, stop: async () => undefined }
    : await startDynamoDbLocal(process.env.DYNAMODB_LOCAL_PORT ? Number(process.env.DYNAMODB_LOCAL_PORT) : undefined);
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;

  let issuer: ConsoleIssuer | undefined;
  try {
    const tables = Object.fromEntries(
      (Object.keys(tableEnvironment) as TableKey[]).map((key) => [key, process.env[tableEnvironment[key]]!]),
    ) as Record<TableKey, string>;
    await step('creating the tables', () => ensureTables(dynamo.endpoint, tables));
    if (!external || options.seedExternal) {
      const client = seedClient(dynamo.endpoint);
      await step('loading the seed', () => loadSeed(seed, createSeedWriter(client, tables))).finally(() => client.destroy());
    }

    const jwtConfigured = jwtSettingsFrom({
      jwksUrl: process.env.ADMIN_JWT_JWKS_URL,
      issuer: process.env.ADMIN_JWT_ISSUER,
      audience: process.env.ADMIN_JWT_AUDIENCE,
    });
    if (!jwtConfigured && options.issueConsoleTokens) {
      issuer = await startConsoleIssuer();
      process.env.ADMIN_JWT_JWKS_URL = issuer.jwksUrl;
      process.env.ADMIN_JWT_ISSUER = issuer.issuer;
      process.env.ADMIN_JWT_AUDIENCE = issuer.audience;
    }
  } catch (error) {
    await dynamo.stop();
    throw error;
  }

  return {
    dynamoEndpoint: dynamo.endpoint,
    startedDynamoDb: !external,
    seed,
    ...(issuer ? { issuer } : {}),
    stop: async () => {
      await Promise.all([dynamo.stop(), issuer?.stop()]);
    },
  };
};
