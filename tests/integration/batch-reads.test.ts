import { beforeEach, describe, expect, it } from 'vitest';
import { BATCH_GET_SENDS, BatchReadIncomplete, batchGetConsistent, batchGetPause } from '../../functions/adapters/items.js';
import { attributionItemKey } from '../../functions/adapters/referrals-table.js';
import { reconcileCommand } from '../../tools/cli/commands/reconcile.js';
import { runCommand } from '../../tools/cli/runner.js';
import { apiOnClients, bulkRequest, withKey } from '../support/api.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import {
  activityOf,
  billingOf,
  givenApiKey,
  givenOpenReservation,
  heldReferrals,
  storedAttribution,
  tables,
  uniqueId,
} from '../support/table-records.js';

const functionDb = instrumentedClient();
const batchReads = () => functionDb.calls.filter((call) => call.command === 'BatchGetItemCommand');
/** Leaves these attributions' or reservations' keys unread on every send (or on the first `times`). */
const leaveUnread = (pks: string[], times = Number.POSITIVE_INFINITY) =>
  functionDb.inject({ command: 'BatchGetItemCommand', when: 'unprocessed', times, unprocessed: (key) => pks.includes(String(key.pk)) });

beforeEach(() => functionDb.reset());

describe('a consistent batch read of keys DynamoDB leaves unprocessed', () => {
  it('resends them after growing pauses, and when they stay unread fails naming them, with what it read', async () => {
    const ids = await heldReferrals(3);
    const unread = ids[1] as string;
    leaveUnread([unread]);

    const error = await batchGetConsistent(functionDb.client, tables.referrals, ids.map(attributionItemKey), {
      deadline: Date.now() + 10_000,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BatchReadIncomplete);
    const incomplete = error as BatchReadIncomplete;
    // Still a DependencyUnavailable by name: a caller that does not handle it answers a retryable 503.
    expect(incomplete.name).toBe('DependencyUnavailable');
    expect(incomplete.unprocessed).toEqual([attributionItemKey(unread)]);
    expect(incomplete.items.map((item) => item.pk).sort()).toEqual(ids.filter((id) => id !== unread).sort());
    const sends = batchReads();
    expect(sends).toHaveLength(BATCH_GET_SENDS);
    // Each resend waits at least the fixed half of its pause: 25, 50, 100, 200, 400 ms, never back to back.
    const gaps = sends.slice(1).map((send, index) => send.startedAt - (sends[index] as { startedAt: number }).startedAt);
    gaps.forEach((gap, index) => {
      expect(gap, `resend ${index + 1}`).toBeGreaterThanOrEqual(batchGetPause(index + 1, () => 0) - 1);
    });
    console.info(`batch read resends: pauses ${gaps.join(', ')} ms`);
  });

  it('sends nothing past the deadline: keys still unread then fail the read at once', async () => {
    const ids = await heldReferrals(2);
    leaveUnread(ids);
    const deadline = Date.now() + 120;

    await expect(batchGetConsistent(functionDb.client, tables.referrals, ids.map(attributionItemKey), { deadline })).rejects.toBeInstanceOf(
      BatchReadIncomplete,
    );

    expect(Date.now()).toBeLessThan(deadline + 100);
    expect(batchReads().length).toBeLessThan(BATCH_GET_SENDS);
    for (const send of batchReads()) expect(send.startedAt).toBeLessThan(deadline);
  });

  it('returns every item once a resend reads what was left', async () => {
    const ids = await heldReferrals(3);
    leaveUnread([ids[0] as string, ids[2] as string], 2);

    const items = await batchGetConsistent(functionDb.client, tables.referrals, ids.map(attributionItemKey), {
      deadline: Date.now() + 10_000,
    });

    expect(items.map((item) => item.pk).sort()).toEqual([...ids].sort());
    expect(batchReads()).toHaveLength(3);
  });
});

describe('referrals a bulk decision could not read', () => {
  const gateway = apiOnClients({ authorizer: instrumentedClient().client, reject: functionDb.client });

  it('answer a retryable failure, never not_found: untouched and not charged, while the others are decided', async () => {
    const admin = await givenApiKey();
    const ids = await heldReferrals(3);
    const unread = ids[1] as string;
    leaveUnread([unread]);

    const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(200);
    expect(response.body.data.results.map((result: { id: string; outcome: string }) => [result.id, result.outcome])).toEqual([
      [ids[0], 'rejected'],
      [unread, 'failed'],
      [ids[2], 'rejected'],
    ]);
    expect(response.body.data.results[1]).toEqual({
      id: unread,
      outcome: 'failed',
      error: { type: 'dependency_unavailable', retryable: true },
    });
    expect(response.body.data.counts).toMatchObject({ rejected: 2, failed: 1, not_found: 0 });
    expect(batchReads()).toHaveLength(BATCH_GET_SENDS);
    expect((await storedAttribution(unread))?.status).toBe('review_required');
    expect(await activityOf(unread)).toEqual([]);
    const billing = await billingOf(admin.userId);
    expect([billing.day, billing.month, billing.charged, billing.open]).toEqual([2, 2, 2, []]);

    // Sent again, it is read and decided.
    functionDb.reset();
    const again = await bulkRequest({ ids: [unread] }, { headers: withKey(admin.key), gateway });
    expect(again.body.data.results[0]).toMatchObject({ id: unread, outcome: 'rejected' });
  });
});

describe('stale reservations the reconciler could not read', () => {
  it('are reported unfinished and left open for the next pass, while the others are closed', async () => {
    const userId = uniqueId('unread-reservations');
    await Promise.all(['req-read', 'req-unread'].map((requestId) => givenOpenReservation(userId, requestId, { ageMs: 120_000 })));
    functionDb.inject({
      command: 'BatchGetItemCommand',
      when: 'unprocessed',
      times: Number.POSITIVE_INFINITY,
      unprocessed: (key) => key.sk === 'reservation#req-unread',
    });
    const reconcile = async () => {
      const out: string[] = [];
      const code = await runCommand(
        reconcileCommand,
        ['--stale-after', '60', '--account', userId],
        { out: (line) => out.push(line), err: (line) => out.push(line) },
        { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, USAGE_TABLE: tables.usage, AWS_REGION: 'us-east-1' },
        { client: functionDb.client },
      );
      return { code, out: out.join('\n') };
    };

    const pass = await reconcile();

    expect(pass.code).toBe(1);
    expect(pass.out).toMatch(/closed 1, giving back 2 credits.*unfinished .* run it again/s);
    expect((await billingOf(userId)).open.map((item) => item.sk)).toEqual(['reservation#req-unread']);

    functionDb.reset();
    const next = await reconcile();
    expect([next.code, (await billingOf(userId)).open]).toEqual([0, []]);
  });
});
