// The deploy pipeline's smoke step (scripts/pipeline-smoke.sh) run against npm start, with a stand-in `aws` on PATH
// for STS and CloudWatch: the key it creates is revoked however the step ends, and the alarm check passes only when
// the alarm's history shows its SNS action succeeded, and sets the alarm back.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createApiKeyAdmin } from '../../functions/adapters/api-key-admin.js';
import { clientFor } from '../../functions/adapters/dynamodb-client.js';
import { KEY_ID_INDEX } from '../../lib/tables.js';
import { tableVariables } from '../support/own-tables.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = mkdtempSync(path.join(tmpdir(), 'smoke-bin-'));
const calls = path.join(bin, 'calls.log');

// `aws`: assume-role prints credentials; set-alarm-state is recorded; describe-alarm-history prints $ALARM_HISTORY.
writeFileSync(
  path.join(bin, 'aws'),
  `#!/bin/sh
echo "$*" >> "${calls}"
case "$1 $2" in
  "sts assume-role") echo "AKIAFAKE fake-secret fake-token" ;;
  "cloudwatch describe-alarm-history") printf '%s\\n' "$ALARM_HISTORY" ;;
esac
`,
);
// `npm`: the real one, except that with FAIL_AFTER_CREATE a `keys create` stores its key and then fails, printing nothing,
// as a lost answer or a failed key-file write would leave it.
const npm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(
  path.join(bin, 'npm'),
  `#!/bin/sh
case "$*" in
  *"keys -- create"*) if [ -n "$FAIL_AFTER_CREATE" ]; then "${npm}" "$@" >/dev/null 2>&1; exit 1; fi ;;
esac
exec "${npm}" "$@"
`,
);
chmodSync(path.join(bin, 'aws'), 0o755);
chmodSync(path.join(bin, 'npm'), 0o755);

// The run's shared npm start: the step creates its own keys (user pipeline-smoke) and its own referrals.
const api = inject('sharedNpmStart');

const runStep = (env: Record<string, string>) => {
  writeFileSync(calls, '');
  const result = spawnSync('bash', ['scripts/pipeline-smoke.sh'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      API_URL: api.baseUrl,
      SMOKE_ROLE_ARN: 'arn:aws:iam::222222222222:role/referral-api-smoke-dev',
      ...tableVariables(api.tables),
      DYNAMODB_ENDPOINT: api.dynamoEndpoint,
      SMOKE_ALARM_POLL_SECONDS: '0',
      SMOKE_ALARM_POLLS: '3',
      ...env,
    },
  });
  const output = `${result.stdout}${result.stderr}`;
  return { status: result.status, output, aws: readFileSync(calls, 'utf8') };
};

/** The smoke step's keys, as the table holds them. */
const smokeKeys = async () => {
  const db = clientFor({ DYNAMODB_ENDPOINT: api.dynamoEndpoint });
  try {
    return await createApiKeyAdmin(db, { table: api.tables.apiKeys, keyIdIndex: KEY_ID_INDEX }).list({ userId: 'pipeline-smoke' });
  } finally {
    db.destroy();
  }
};

const DELIVERED = 'Successfully executed action arn:aws:sns:eu-west-1:222222222222:alarms';

describe("the pipeline's smoke step", () => {
  it('passes, proves alarm delivery from the alarm history, sets the alarm back, and revokes its key', async () => {
    const before = (await smokeKeys()).length;
    const step = runStep({ SMOKE_ALARM_NAME: 'referrals-delivery-check', ALARM_HISTORY: DELIVERED });
    expect(step.status, step.output).toBe(0);
    expect(step.output).toContain('smoke test passed');
    expect(step.output).toContain('alarm delivery confirmed');
    const aws = step.aws.split('\n').filter(Boolean);
    expect(aws.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'sts assume-role',
      'cloudwatch set-alarm-state',
      'cloudwatch describe-alarm-history',
      'cloudwatch set-alarm-state',
    ]);
    expect(aws[1]).toContain('--state-value ALARM');
    expect(aws[3]).toContain('--state-value OK');
    const keys = await smokeKeys();
    expect(keys).toHaveLength(before + 1);
    expect(keys.every((key) => key.status === 'revoked')).toBe(true);
    expect(step.output).not.toMatch(/ck_[A-Za-z0-9_-]{16,}/);
  }, 120_000);

  it('fails when the alarm action failed, and still sets the alarm back and revokes its key', async () => {
    const step = runStep({
      SMOKE_ALARM_NAME: 'referrals-delivery-check',
      ALARM_HISTORY: 'Failed to execute action arn:aws:sns:eu-west-1:222222222222:alarms. Received error: KMS.AccessDeniedException',
    });
    expect(step.status).not.toBe(0);
    expect(step.output).toContain('alarm delivery failed');
    expect(step.aws.trim().split('\n').at(-1)).toContain('set-alarm-state --alarm-name referrals-delivery-check --state-value OK');
    expect((await smokeKeys()).every((key) => key.status === 'revoked')).toBe(true);

    const silent = runStep({ SMOKE_ALARM_NAME: 'referrals-delivery-check', ALARM_HISTORY: '' });
    expect(silent.status).not.toBe(0);
    expect(silent.output).toContain('alarm delivery not confirmed');
  }, 120_000);

  it('revokes the key it stored even when the create command failed before printing its id', async () => {
    const before = (await smokeKeys()).length;
    const step = runStep({ FAIL_AFTER_CREATE: '1' });
    expect(step.status).not.toBe(0);
    const keys = await smokeKeys();
    // The key was stored, and the trap revoked it by the id the step drew before creating it.
    expect(keys).toHaveLength(before + 1);
    expect(keys.every((key) => key.status === 'revoked')).toBe(true);
    expect(step.output).not.toContain('smoke key');
  }, 120_000);

  it('revokes its key when the smoke test fails, and leaves no key file', async () => {
    const temporary = mkdtempSync(path.join(tmpdir(), 'smoke-tmp-'));
    const step = runStep({ API_URL: 'http://127.0.0.1:9', TMPDIR: temporary });
    expect(step.status).not.toBe(0);
    expect(step.output).toContain('smoke key');
    expect((await smokeKeys()).every((key) => key.status === 'revoked')).toBe(true);
    // mktemp's key file (tmp.XXXXXXXXXX) is gone; the tools' own caches may stay.
    expect(readdirSync(temporary).filter((name) => name.startsWith('tmp.'))).toEqual([]);
  }, 120_000);
});
