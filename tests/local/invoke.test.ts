import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { ensureTables } from '../../local/dynamodb-local.js';
import { DEMO_SEED_FILE } from '../../local/local-runtime.js';
import { loadSeed, readSeed } from '../../local/seed.js';
import { ownTables, tableVariables } from '../support/own-tables.js';
import { db } from '../support/table-records.js';

const run = promisify(execFile);

/** What each sample event gives, invoked in the order listed on one freshly seeded set of tables. */
const expected: Record<string, { fn: string; exit: number; check: (output: any) => void }> = {
  'reject-example.json': { fn: 'reject-referral', exit: 0, check: (o) => expect(o.statusCode).toBe(200) },
  'reject-invalid-body.json': { fn: 'reject-referral', exit: 0, check: (o) => expect(o.statusCode).toBe(400) },
  'reject-not-found.json': { fn: 'reject-referral', exit: 0, check: (o) => expect(o.statusCode).toBe(404) },
  'reject-conflict.json': { fn: 'reject-referral', exit: 0, check: (o) => expect(o.statusCode).toBe(409) },
  'reject-without-principal.json': { fn: 'reject-referral', exit: 0, check: (o) => expect(o.statusCode).toBe(401) },
  'bulk-reject.json': {
    fn: 'bulk-reject',
    exit: 0,
    check: (o) => expect(JSON.parse(o.body).data).toMatchObject({ rejected: 2, failed: 2 }),
  },
  'approve-example.json': {
    fn: 'approve-referral',
    exit: 0,
    check: (o) => expect(JSON.parse(o.body).data.attribution).toMatchObject({ id: 'attr-review-2', status: 'qualified' }),
  },
  'bulk-approve.json': {
    fn: 'bulk-approve',
    exit: 0,
    check: (o) =>
      expect(JSON.parse(o.body).data.counts).toEqual({ approved: 2, not_found: 1, conflict: 1, claimed: 0, failed: 0, unknown: 0 }),
  },
  'list-review-queue.json': { fn: 'list-referrals', exit: 0, check: (o) => expect(JSON.parse(o.body).data.attributions).toHaveLength(5) },
  'get-referral.json': { fn: 'get-referral', exit: 0, check: (o) => expect(JSON.parse(o.body).data.attribution.id).toBe('attr-queue-03') },
  'claim-referral.json': {
    fn: 'claim-referral',
    exit: 0,
    check: (o) => expect(JSON.parse(o.body).data.claim).toMatchObject({ by: 'admin-user' }),
  },
  'release-claim.json': { fn: 'release-claim', exit: 0, check: (o) => expect(JSON.parse(o.body).data.claim).toBeNull() },
  'claim-next-referrals.json': {
    fn: 'claim-next-referrals',
    exit: 0,
    check: (o) =>
      expect(JSON.parse(o.body).data.items.map((item: { claim: { by: string } }) => item.claim.by)).toEqual([
        'admin-user',
        'admin-user',
        'admin-user',
      ]),
  },
  'add-note.json': {
    fn: 'add-referral-note',
    exit: 0,
    check: (o) => expect([o.statusCode, JSON.parse(o.body).data.by]).toEqual([201, 'admin-user']),
  },
  // The reject-example.json above rejected this referral: reopened, it is held again.
  'reopen-referral.json': {
    fn: 'reopen-referral',
    exit: 0,
    check: (o) => expect(JSON.parse(o.body).data.attribution).toMatchObject({ id: 'example', status: 'review_required' }),
  },
  'authorizer-admin-key.json': { fn: 'authorizer', exit: 0, check: (o) => expect(o.policyDocument.Statement[0].Effect).toBe('Allow') },
  'authorizer-member-key.json': { fn: 'authorizer', exit: 0, check: (o) => expect(o.policyDocument.Statement[0].Effect).toBe('Deny') },
  'authorizer-missing-key.json': { fn: 'authorizer', exit: 1, check: (o) => expect(o.errorMessage).toBe('Unauthorized') },
  // The bulk requests above closed their reservations themselves: the pass finds nothing left open.
  'reconcile-schedule.json': {
    fn: 'reconciler',
    exit: 0,
    check: (o) => expect(o).toEqual({ unfinished: false, open: 0, closed: 0, alreadyClosed: 0, creditsReturned: 0, failed: 0 }),
  },
  // The demo seed's referrals still held after the decisions above, every one with its held_at, weeks old.
  'review-backlog-schedule.json': {
    fn: 'review-backlog',
    exit: 0,
    check: (o) => {
      expect(o).toMatchObject({ withoutHeldAt: 0, shardsCut: 0 });
      expect(o.heldCount).toBeGreaterThan(30);
      expect(o.oldestHeldAgeSeconds).toBeGreaterThan(48 * 3600);
    },
  },
};

const invoke = async (fn: string, file: string, env: NodeJS.ProcessEnv) => {
  try {
    const { stdout } = await run('npm', ['run', '-s', 'invoke', '--', fn, `events/${file}`], { env });
    return { code: 0, output: JSON.parse(stdout) };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout ? JSON.parse(failure.stdout) : failure.stderr };
  }
};

describe('npm run invoke', () => {
  it('covers every sample event in events/', () => {
    expect(
      readdirSync('events')
        .filter((file) => file.endsWith('.json') && !file.startsWith('sam-'))
        .sort(),
    ).toEqual(Object.keys(expected).sort());
  });

  it('gives each sample event its expected result against a given DynamoDB endpoint', async () => {
    const tables = ownTables('invoke');
    const endpoint = inject('dynamoEndpoint');
    await ensureTables(endpoint, tables);
    await loadSeed(await readSeed(DEMO_SEED_FILE), createSeedWriter(db, tables));

    for (const [file, { fn, exit, check }] of Object.entries(expected)) {
      const result = await invoke(fn, file, { ...process.env, DYNAMODB_ENDPOINT: endpoint, ...tableVariables(tables) });
      expect(result.code, file).toBe(exit);
      check(result.output);
    }
  }, 180_000);

  it('starts its own DynamoDB Local with the demo seed when no endpoint is given', async () => {
    const env = { ...process.env };
    for (const key of ['DYNAMODB_ENDPOINT', 'REFERRALS_TABLE', 'API_KEYS_TABLE', 'USAGE_TABLE']) delete env[key];
    const result = await invoke('RejectReferralFunction', 'reject-example.json', env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output.body)).toMatchObject({ code: 200, data: { attribution: { id: 'example', status: 'rejected' } } });
  }, 120_000);

  it('exits non-zero with its usage for an unknown function', async () => {
    const result = await invoke('nope', 'reject-example.json', process.env);
    expect(result.code).toBe(2);
  });
});
