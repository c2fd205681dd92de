// Runs `npm start` as a user does, on a free port, and stops every instance a test started.
import { type ChildProcess, spawn } from 'node:child_process';

export type Started = { child: ChildProcess; serverPid: number; baseUrl: string; dynamoEndpoint: string; output: () => string };

const running: ChildProcess[] = [];

/** `npm start` as a user runs it, on a free port; resolves once it prints that it is ready. */
export const npmStart = async (env: Record<string, string> = {}): Promise<Started> => {
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
      DYNAMODB_ENDPOINT: '',
      ADMIN_JWT_JWKS_URL: '',
      ADMIN_JWT_ISSUER: '',
      ADMIN_JWT_AUDIENCE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
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
