// The counters come back to the usage records: reservations left open are closed by the reconciler, exactly once.
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createMeterStore } from '../../functions/adapters/meter-store.js';
import { counterIncrements } from '../../functions/billing/charge.js';
import { plans } from '../../functions/billing/plans.js';
import { dayWindow, monthWindow } from '../../functions/billing/windows.js';
import { createReconcilerDeps } from '../../functions/handlers/reconciler/dependencies.js';
import { createHandler as createReconcilerHandler } from '../../functions/handlers/reconciler/handler.js';
import { reconcileCommand } from '../../tools/cli/commands/reconcile.js';
import { runCommand } from '../../tools/cli/runner.js';
import { apiOnClients, apiWithPlans, bulkRequest, withKey } from '../support/api.js';
import { ampleBudget } from '../support/fakes.js';
import { instrumentedClient, writes } from '../support/instrumented-client.js';
import { context } from '../support/lambda.js';
import {
  accountItems,
  activityOf,
  billingOf,
  db,
  givenApiKey,
  givenAttribution,
  givenOpenReservation,
  heldReferrals,
  storedAttribution,
  tables,
  uniqueId,
} from '../support/table-records.js';
import { times } from '../support/times.js';

const reconcile = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(
    reconcileCommand,
    argv,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, USAGE_TABLE: tables.usage, AWS_REGION: 'us-east-1' },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('the reconciler', () => {
  it('brings the counters back to the usage records after a burst of 50 overlapping bulk rejects of 100 ids', async () => {
    const gateway = apiWithPlans({ enterprise: { ...plans.enterprise, ratePerMinute: 1_000_000 } });
    const admin = await givenApiKey({ plan: 'enterprise' });
    const ids = await heldReferrals(100);

    const responses = await times(50, () => bulkRequest({ ids }, { headers: withKey(admin.key), gateway }));

    // A write whose answer the functions gave up on may still be applied after they answered: the reconciler waits
    // 60 s for that (STALE_AFTER_MS); here it runs at once, so the test waits for the account to stop changing.
    let last = '';
    for (let round = 0; round < 60; round++) {
      const snapshot = JSON.stringify(await accountItems(admin.userId));
      if (snapshot === last) break;
      last = snapshot;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }

    const statuses: Record<number, number> = {};
    for (const response of responses) statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    const rejected = responses.filter((response) => response.status === 200).reduce((sum, r) => sum + r.body.data.rejected, 0);
    const before = await billingOf(admin.userId);
    // Each referral rejected is audited and charged once, whoever won it; a bulk's failed ids are retryable.
    const charged = before.usage.map((usage) => usage.attribution_id).sort();
    const stored = await Promise.all(ids.map(async (id) => ((await storedAttribution(id))?.status === 'rejected' ? id : undefined)));
    expect(charged).toEqual(stored.filter((id) => id !== undefined).sort());
    // A referral whose write went unanswered is reported unknown, not rejected, though it may have been charged.
    const unknown = responses.filter((response) => response.status === 200).reduce((sum, r) => sum + r.body.data.counts.unknown, 0);
    expect(charged.length).toBeGreaterThanOrEqual(rejected);
    expect(charged.length).toBeLessThanOrEqual(rejected + unknown);
    for (const id of charged.slice(0, 5)) expect(await activityOf(String(id))).toHaveLength(1);
    // Until the reconciler runs the counters may over-count, never under-count.
    expect(before.day).toBeGreaterThanOrEqual(before.charged);
    expect(before.month).toBe(before.day);

    const pass = await reconcile('--stale-after', '0', '--account', admin.userId);

    expect(pass.code).toBe(0);
    const after = await billingOf(admin.userId);
    expect([after.day, after.month]).toEqual([after.charged, after.charged]);
    expect(after.open).toEqual([]);
    console.info(
      `burst: ${JSON.stringify(statuses)}; ${rejected} reported rejected, ${unknown} unknown; ${before.charged} charged; counters ${before.day} before the reconciler ` +
        `(${before.open.length} reservations open), ${after.day} after; ${pass.out}`,
    );
    // A second pass finds nothing more to do.
    expect((await reconcile('--stale-after', '0', '--account', admin.userId)).out).toMatch(/closed 0, giving back 0 credits/);
    expect((await billingOf(admin.userId)).day).toBe(after.charged);
  }, 240_000);

  it('closes a reservation whose release never got an answer, giving back what the usage records did not charge', async () => {
    const functionDb = instrumentedClient({ maxAttempts: 1 });
    const gateway = apiOnClients({ authorizer: instrumentedClient().client, reject: functionDb.client });
    const admin = await givenApiKey();
    const ids = await heldReferrals(3);
    const unknownId = await givenAttribution({ status: 'qualified' });
    // The release is applied nowhere: every send fails as if its answer were lost.
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'before', times: Infinity, matches: writes.release, error: reset });

    const response = await bulkRequest({ ids: [...ids, unknownId.id] }, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(200);
    expect(response.body.data.rejected).toBe(3);
    const before = await billingOf(admin.userId);
    expect([before.day, before.charged, before.open.length]).toEqual([3, 3, 1]);

    // Reserved 3 credits for 3 candidates (the qualified one was answered at the read): all used, nothing to give back.
    const pass = await reconcile('--stale-after', '0', '--account', admin.userId);
    expect(pass.out).toMatch(/closed 1, giving back 0 credits/);
    expect((await billingOf(admin.userId)).open).toEqual([]);
  });

  it('brings the counters to the usage records in one pass after a bulk request with unknown and surely unused referrals', async () => {
    const functionDb = instrumentedClient({ maxAttempts: 1 });
    const gateway = apiOnClients({ authorizer: instrumentedClient().client, reject: functionDb.client });
    const admin = await givenApiKey();
    const ids = await heldReferrals(5);
    const [appliedUnknown, unappliedUnknown, ...surelyUnused] = ids.slice(1) as [string, string, string, string];
    // Unknown both ways: applied and every answer lost (charged), and lost before DynamoDB saw it (never charged).
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'after', times: Infinity, matches: writes.itemOf(appliedUnknown) });
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'before', times: Infinity, matches: writes.itemOf(unappliedUnknown) });
    // Throttled: refused for certain, so their credits are surely unused and go back at once.
    for (const id of surelyUnused)
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: throttled, times: Infinity, matches: writes.itemOf(id) });

    const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(200);
    expect(response.body.data.results.map((result: { outcome: string }) => result.outcome)).toEqual([
      'rejected',
      'unknown',
      'unknown',
      'failed',
      'failed',
    ]);
    // 5 reserved, the 2 surely unused given back; the 2 unknown stay reserved, of which 1 was charged.
    const before = await billingOf(admin.userId);
    expect([before.day, before.month, before.charged, before.open.length]).toEqual([3, 3, 2, 1]);

    const pass = await reconcile('--stale-after', '0', '--account', admin.userId);

    expect(pass.code).toBe(0);
    const after = await billingOf(admin.userId);
    expect([after.day, after.month, after.charged, after.open]).toEqual([2, 2, 2, []]);
    expect(pass.out).toMatch(/closed 1, giving back 1 credits/);
  });

  it('gives back reserved credits no usage record charged, once, however many passes run at once', async () => {
    const admin = await givenApiKey();
    const now = new Date();
    const reservedAt = new Date(now.getTime() - 30_000);
    const ids = await heldReferrals(2);
    // A bulk request that reserved 5 credits, charged 2 and ended before its release.
    await bulkRequest({ ids }, { headers: withKey(admin.key), gateway: apiWithPlans({}) });
    const day = dayWindow(now).id;
    const month = monthWindow(now).id;
    await db.send(
      new PutCommand({
        TableName: tables.usage,
        Item: {
          pk: `account#${admin.userId}`,
          sk: 'reservation#req-ended-early',
          user_id: admin.userId,
          request_id: 'req-ended-early',
          credits: 5,
          day_window: day,
          day_expires_at: 4_000_000_000,
          month_window: month,
          month_expires_at: 4_000_000_000,
          reservation_day: day,
          reserved_at: reservedAt.toISOString(),
        },
      }),
    );
    const addCredits = async (credits: number) => {
      for (const sk of [`day#${day}`, `month#${month}`]) {
        const item = (await accountItems(admin.userId)).find((entry) => entry.sk === sk);
        await db.send(new PutCommand({ TableName: tables.usage, Item: { ...item, credits: Number(item?.credits) + credits } }));
      }
    };
    await addCredits(5);
    for (const [index, id] of ['x1', 'x2'].entries()) {
      await db.send(
        new PutCommand({
          TableName: tables.usage,
          Item: { pk: `account#${admin.userId}`, sk: `usage#req-ended-early#${id}`, credits: 1, created_at: now.toISOString(), n: index },
        }),
      );
    }
    expect((await billingOf(admin.userId)).day).toBe(2 + 5);

    // Not yet stale: left alone.
    expect((await reconcile('--account', admin.userId)).out).toMatch(/closed 0/);
    const passes = await Promise.all([
      reconcile('--stale-after', '10', '--account', admin.userId),
      reconcile('--stale-after', '10', '--account', admin.userId),
      reconcile('--stale-after', '10', '--account', admin.userId),
    ]);

    expect(
      passes.map((pass) => pass.code),
      JSON.stringify(passes),
    ).toEqual([0, 0, 0]);
    const after = await billingOf(admin.userId);
    expect([after.day, after.month]).toEqual([4, 4]);
    expect(after.charged).toBe(4);
    expect(after.open).toEqual([]);
  });

  it('gives back a reservation once: a second release for another amount finds it closed and moves no counter', async () => {
    // Two closers that read the reservation apart (its request's release and a reconciler pass) give back different
    // amounts, so their transactions carry different tokens: only the reservation's own condition keeps the second out.
    const meter = createMeterStore(db, tables);
    const userId = uniqueId('admin');
    const reservation = {
      userId,
      requestId: uniqueId('req'),
      ...counterIncrements({ plan: plans.enterprise, credits: 3, monthCeiling: null, now: new Date() }),
    };
    expect(await meter.reserve(reservation, ampleBudget())).toEqual({ reserved: true });

    expect(await meter.release(reservation, 2, ampleBudget())).toBe('released');
    const afterFirst = await billingOf(userId);
    expect([afterFirst.day, afterFirst.month, afterFirst.open]).toEqual([1, 1, []]);

    expect(await meter.release(reservation, 1, ampleBudget())).toBe('already_released');
    expect(await billingOf(userId)).toEqual(afterFirst);
  });

  it('recomputes an account’s counters from its usage records and open reservations, when asked', async () => {
    const admin = await givenApiKey();
    const ids = await heldReferrals(3);
    await bulkRequest({ ids }, { headers: withKey(admin.key), gateway: apiWithPlans({}) });
    const now = new Date();
    for (const sk of [`day#${dayWindow(now).id}`, `month#${monthWindow(now).id}`]) {
      const item = (await accountItems(admin.userId)).find((entry) => entry.sk === sk);
      await db.send(new PutCommand({ TableName: tables.usage, Item: { ...item, credits: 420 } }));
    }

    const result = await reconcile('recompute', '--account', admin.userId);

    expect(result.code).toBe(0);
    expect(result.out).toBe(`day ${dayWindow(now).id}: 420 → 3 credits\nmonth ${monthWindow(now).id}: 420 → 3 credits`);
    const after = await billingOf(admin.userId);
    expect([after.day, after.month, after.charged]).toEqual([3, 3, 3]);
  });

  it('runs as the scheduled function: closes what is over a minute old, and returns what it did', async () => {
    const admin = await givenApiKey();
    const _now = new Date();
    const putReservation = (requestId: string, ageMs: number) => givenOpenReservation(admin.userId, requestId, { ageMs });
    await putReservation('req-old', 61_000);
    await putReservation('req-running', 1_000);
    const handler = createReconcilerHandler(createReconcilerDeps({ ...process.env, USAGE_TABLE: tables.usage }, db));

    const report = await handler({ 'detail-type': 'Scheduled Event' }, context());

    expect(report.closed).toBeGreaterThanOrEqual(1);
    expect((await billingOf(admin.userId)).open.map((item) => item.sk)).toEqual(['reservation#req-running']);
  });

  it('refuses what it cannot run with a usage line', async () => {
    for (const argv of [
      ['recompute'],
      ['--days', 'two'],
      ['recompute', '--account', 'u', '--day', '30-11-2026'],
      ['--day', '2026-11-30'],
      ['bogus'],
    ]) {
      const result = await reconcile(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toContain('usage:');
    }
  });
});

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', name: 'Error' });
const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'injected throttling',
    $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
  });
