// Runs `npm start` as a user does, on a free port, and stops every instance a test started. Each instance keeps its
// data in tables of its own on the run's shared DynamoDB Local, unless a test is about the DynamoDB Local npm start
// starts for itself; tests that only use data of their own share one instance (shared-npm-start.ts).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { type TableKey, tableEnvironment } from '../../lib/tables.js';
import type { TableNames } from '../../local/dynamodb-local.js';
import { ownTables, tableVariables } from './own-tables.js';
import { endWithThisProcess } from './owned-processes.js';

/** What a test needs of a running instance to reach it and its tables. */
export type Reachable = { baseUrl: string; dynamoEndpoint: string; tables: TableNames };

export type Started = {
  child: ChildProcess;
  serverPid: number;
  baseUrl: string;
  dynamoEndpoint: string;
  /** The tables this instance serves, on dynamoEndpoint. */
  tables: TableNames;
  output: () => string;
};

const running: ChildProcess[] = [];

/** `npm start` as a user runs it, on a free port, on the shared DynamoDB Local in tables of its own; resolves once it is ready. */
export const npmStart = async (env: Record<string, string> = {}): Promise<Started> => {
  const { inject } = await import('vitest');
  return startOn(inject('dynamoEndpoint'), env);
};

/** `npm start` as on a machine with nothing running: it starts a DynamoDB Local of its own, in memory. */
export const npmStartWithOwnDynamoDb = (env: Record<string, string> = {}): Promise<Started> => start({ DYNAMODB_ENDPOINT: '', ...env });

/** `npm start` on a given DynamoDB, in tables of its own. */
export const startOn = (dynamoEndpoint: string, env: Record<string, string> = {}): Promise<Started> =>
  start({ DYNAMODB_ENDPOINT: dynamoEndpoint, ...tableVariables(ownTables('start')), ...env });

const start = async (env: Record<string, string>): Promise<Started> => {
  // Port 0: the server takes a free port itself, so no other process can take it between a probe and the listen.
  // What the test environment quiets for itself is left to npm start to decide.
  const inherited = { ...process.env };
  delete inherited.POWERTOOLS_LOG_LEVEL;
  delete inherited.POWERTOOLS_METRICS_DISABLED;
  delete inherited.EVENT_BUS_NAME;
  delete inherited.DEAD_LETTER_QUEUE_URL;
  const child = spawn('npm', ['start'], {
    env: {
      ...inherited,
      PORT: '0',
      ADMIN_JWT_JWKS_URL: '',
      ADMIN_JWT_ISSUER: '',
      ADMIN_JWT_AUDIENCE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  endWithThisProcess(child.pid);
  running.push(child);
  const variables = { ...inherited, ...env } as Record<string, string>;
  const tables = Object.fromEntries(
    (Object.keys(tableEnvironment) as TableKey[]).map((key) => [key, variables[tableEnvironment[key]]]),
  ) as TableNames;
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes('Ready.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    baseUrl: /listening on (\S+)/.exec(output)![1]!,
    serverPid: Number(/listening on \S+ \(pid (\d+)\)/.exec(output)![1]),
    dynamoEndpoint: /DynamoDB endpoint: (\S+)/.exec(output)![1]!,
    tables,
    output: () => output,
  };
};

export const stop = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

export const stopAll = async (): Promise<void> => {
  await Promise.all(running.splice(0).map(stop));
};

/** Waits until the output holds what `ready` looks for: the event itself, not a fixed time (a busy machine is slow). */
export const waitForOutput = async (api: Started, ready: (output: string) => boolean, timeoutMs = 20_000): Promise<string> => {
  const deadline = Date.now() + timeoutMs;
  while (!ready(api.output())) {
    if (Date.now() > deadline) throw new Error(`npm start did not print what was awaited:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return api.output();
};

/** The DynamoDB Local processes listening on a port: npm start's own, found by its command line. */
export const dynamoDbLocalsOnPort = (port: string): string[] => {
  try {
    return execFileSync('pgrep', ['-f', `DynamoDBLocal.*-port ${port}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
};
