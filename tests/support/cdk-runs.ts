// The CDK CLI runs the infra tests read, each done once per run: the stage as the docs deploy it by hand, the stage
// as the committed cdk.json lists it, and the pipeline as its own synth step rebuilds it in a clone of the project.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYNTH_COMMAND } from '../../lib/pipeline-stack.js';
import { endWithThisProcess } from './owned-processes.js';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** What a command printed and how it ended. */
export type CommandRun = { command: string; status: number | null; stdout: string; stderr: string; output: string };

/** Runs a command without a shell, as a person types it, and collects what it prints; `started` sees the child. */
export const runCommand = (
  cwd: string,
  [command, ...args]: string[],
  env: Record<string, string> = {},
  started: (pid: number | undefined) => void = () => undefined,
): Promise<CommandRun> =>
  new Promise((resolve) => {
    // Detached: the child leads its own process group, so that the whole tree (npm, the CLI, the app) can be stopped.
    const child = spawn(command as string, args, {
      cwd,
      detached: true,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    endWithThisProcess(child.pid);
    started(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', (error) => (stderr += String(error)));
    child.once('close', (status) =>
      resolve({ command: [command, ...args].join(' '), status, stdout, stderr, output: `${stdout}${stderr}` }),
    );
  });

export const CONNECTION = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d';

/** The pipeline's settings as a team commits them in cdk.json's context. */
export const COMMITTED = {
  repository: 'acme/referral-api',
  branch: 'main',
  connectionArn: CONNECTION,
  region: 'eu-west-1',
  devAccount: '222222222222',
  prodAccount: '333333333333',
  alarmEmail: 'oncall@example.com',
  adminJwtJwksUrl: 'https://console.example.com/.well-known/jwks.json',
  adminJwtIssuer: 'https://console.example.com',
  adminJwtAudience: 'referrals-admin',
};

/** The account and region the pipeline's own CodeBuild project runs in: its credentials' account. */
export const PIPELINE_ACCOUNT = { CDK_DEFAULT_ACCOUNT: '111111111111', CDK_DEFAULT_REGION: 'eu-west-1' };

/** A clone of the project whose committed cdk.json holds these settings (the code itself is linked, not copied). */
export const cloneWith = (settings: Record<string, string>): string => {
  const clone = mkdtempSync(path.join(tmpdir(), 'clone-'));
  for (const entry of ['bin', 'lib', 'functions', 'node_modules', 'package.json', 'package-lock.json', 'tsconfig.json'])
    symlinkSync(path.join(PROJECT_ROOT, entry), path.join(clone, entry));
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
  writeFileSync(path.join(clone, 'cdk.json'), JSON.stringify({ ...cdkJson, context: { ...cdkJson.context, ...settings } }));
  return clone;
};

/** The context of docs/operations.md's hand-run production deploy (`npx cdk deploy -c stage=prod -c alarmEmail=…`). */
export const PROD_DEPLOY_CONTEXT = {
  stage: 'prod',
  alarmEmail: COMMITTED.alarmEmail,
  adminJwtJwksUrl: COMMITTED.adminJwtJwksUrl,
  adminJwtIssuer: COMMITTED.adminJwtIssuer,
  adminJwtAudience: COMMITTED.adminJwtAudience,
};

export type SynthName = 'stage' | 'listed' | 'pipeline';

/** Each run: what it types, in the project or in a clone committing `clone`; its cloud assembly goes to the directory given. */
export const SYNTHS: Record<
  SynthName,
  { clone?: Record<string, string>; command: (outdir: string) => string[]; env?: Record<string, string> }
> = {
  // `npm run synth` with the hand-run production deploy's context: the one synth of the stage app that bundles.
  stage: {
    command: (outdir) => [
      'npm',
      'run',
      '--silent',
      'synth',
      '--',
      ...Object.entries(PROD_DEPLOY_CONTEXT).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      '-o',
      outdir,
    ],
  },
  // `cdk ls` on the committed cdk.json, as a person checks what the app defines: it synthesizes without bundling.
  listed: { command: (outdir) => ['npx', 'cdk', 'ls', '-o', outdir] },
  // The synth step's own command, in a clone holding only the committed files, with the pipeline account's credentials.
  pipeline: {
    clone: COMMITTED,
    command: (outdir) => [...SYNTH_COMMAND.split(' '), '--quiet', '-o', outdir],
    env: PIPELINE_ACCOUNT,
  },
};
