import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import * as v from 'valibot';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plans } from '../../functions/billing/plans.js';
import { handler as authorizer } from '../../functions/handlers/authorizer/handler.js';
import { handler as bulkHandler } from '../../functions/handlers/bulk-reject/handler.js';
import { ReasonSchema } from '../../functions/http/request-fields.js';
import { endpointOf, pathTo } from '../../functions/http/route.js';
import { bulkRejectRoute } from '../../functions/http/routes/bulk-reject.js';
import { api, apiOnClients, apiWithPlans, bulkRequest, checkedGateway, rejectRequest, withKey } from '../support/api.js';
import { instrumentedClient, writes } from '../support/instrumented-client.js';
import {
  activityOf,
  billingOf,
  givenApiKey,
  givenAttribution,
  heldReferrals,
  NOTHING_BILLED,
  statusesOf,
  storedAttribution,
  type TestKey,
  uniqueId,
  usageRecordsOf,
} from '../support/table-records.js';
import { times } from '../support/times.js';

describe('bulk reject', () => {
  it('answers every id in order: rejected, not_found and conflict, charging 1 credit per rejected referral', async () => {
    const admin = await givenApiKey();
    const [first, second] = await heldReferrals(2);
    const rewarded = await givenAttribution({ status: 'rewarded' });
    const missing = uniqueId('missing');
    const ids = [second, missing, rewarded.id, first] as string[];

    const response = await bulkRequest({ ids, reason: 'same billing account' }, { headers: withKey(admin.key) });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: 200, msg: 'ok', data: { rejected: 2, failed: 2 } });
    expect(response.body.data.results).toEqual([
      {
        id: second,
        outcome: 'rejected',
        attribution: expect.objectContaining({ id: second, status: 'rejected', reviewed_by: admin.userId }),
      },
      { id: missing, outcome: 'not_found', error: { type: 'not_found' } },
      { id: rewarded.id, outcome: 'conflict', error: { type: 'conflict', context: { status: 'rewarded' } } },
      { id: first, outcome: 'rejected', attribution: expect.objectContaining({ id: first, status: 'rejected' }) },
    ]);
    expect(await statusesOf(ids)).toEqual(['rejected', undefined, 'rewarded', 'rejected']);
    for (const id of [first, second] as string[]) {
      expect(await activityOf(id)).toEqual([
        expect.objectContaining({ action: 'reject', reason: 'same billing account', request_id: response.body.request_id }),
      ]);
    }
    const billing = await billingOf(admin.userId);
    expect(billing.day).toBe(2);
    expect(billing.month).toBe(2);
    expect(billing.usage.map((usage) => usage.attribution_id).sort()).toEqual([first, second].sort());
    expect(billing.usage.map((usage) => usage.sk).sort()).toEqual(
      [first, second].map((id) => `usage#${response.body.request_id}#${id}`).sort(),
    );
    expect(billing.usage[0]).toMatchObject({ endpoint: endpointOf(bulkRejectRoute), credits: 1, status_code: 200, overage: false });
  });

  it('answers 200 with the outcomes when no id can be rejected, and charges nothing', async () => {
    const admin = await givenApiKey();
    const rejected = await givenAttribution({ status: 'rejected' });
    const response = await bulkRequest({ ids: [rejected.id, uniqueId('missing')] }, { headers: withKey(admin.key) });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ rejected: 0, failed: 2 });
    expect(await billingOf(admin.userId)).toEqual(NOTHING_BILLED);
  });

  it('rejects 100 referrals in one call', async () => {
    const admin = await givenApiKey();
    const ids = await heldReferrals(100);
    const response = await bulkRequest({ ids }, { headers: withKey(admin.key) });
    expect(response.status).toBe(200);
    expect(response.body.data.rejected).toBe(100);
    expect(response.body.data.results.map((result: { id: string }) => result.id)).toEqual(ids);
    expect(new Set(await statusesOf(ids))).toEqual(new Set(['rejected']));
    const billing = await billingOf(admin.userId);
    expect([billing.day, billing.month, billing.usage.length]).toEqual([100, 100, 100]);
  });

  it('counts as one request toward the per-minute limit', async () => {
    // One instant for all three, so that no minute boundary falls between them.
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const gateway = apiWithPlans({ starter: { ...plans.starter, ratePerMinute: 2 } }, () => minute);
    const admin = await givenApiKey({ plan: 'starter' });
    const ids = await heldReferrals(6);
    const first = await bulkRequest({ ids: ids.slice(0, 3) }, { headers: withKey(admin.key), gateway });
    const second = await bulkRequest({ ids: ids.slice(3) }, { headers: withKey(admin.key), gateway });
    const third = await bulkRequest({ ids: [uniqueId('any')] }, { headers: withKey(admin.key), gateway });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect(third.body.error.type).toBe('rate_limited');
    expect((await billingOf(admin.userId)).usage).toHaveLength(6);
  });

  it("starts no referral when the function has less than the handler's reserve left: all failed and retryable, nothing charged", async () => {
    // 3 s left is under the 4 s the handler keeps back for a write in flight, the release and the answer.
    const lateGateway = checkedGateway({
      authorizer,
      functions: {
        bulkRejectReferrals: (event, context) => bulkHandler(event, { ...context, getRemainingTimeInMillis: () => 3_000 }),
      },
    });
    const admin = await givenApiKey();
    const ids = await heldReferrals(2);

    const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway: lateGateway });

    expect(response.status).toBe(200);
    expect(response.body.data.results).toEqual(
      ids.map((id) => ({ id, outcome: 'failed', error: { type: 'dependency_unavailable', retryable: true } })),
    );
    expect(await statusesOf(ids)).toEqual(['review_required', 'review_required']);
    for (const id of ids) expect(await activityOf(id)).toEqual([]);
    expect(await billingOf(admin.userId)).toEqual(NOTHING_BILLED);
  });

  describe('refusals of the whole request', () => {
    it('answers 429 daily_cap_reached with Retry-After when the reservation does not fit, and changes nothing', async () => {
      const gateway = apiWithPlans({ growth: { ...plans.growth, dailyCap: 3 } });
      const admin = await givenApiKey({ plan: 'growth' });
      const ids = await heldReferrals(4);
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(429);
      expect(response.body.error).toMatchObject({ type: 'daily_cap_reached', context: { limit: 'daily_credits', value: 3 } });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
      expect(response.headers['x-ratelimit-limit']).toBeDefined();
      expect(new Set(await statusesOf(ids))).toEqual(new Set(['review_required']));
      expect(await billingOf(admin.userId)).toEqual(NOTHING_BILLED);
      // What fits still goes through.
      expect((await bulkRequest({ ids: ids.slice(0, 3) }, { headers: withKey(admin.key), gateway })).status).toBe(200);
    });

    it('answers 429 credits_exhausted past the included credits on a plan without overage, and changes nothing', async () => {
      const gateway = apiWithPlans({ free: { ...plans.free, includedCreditsPerMonth: 2 } });
      const admin = await givenApiKey({ plan: 'free' });
      const ids = await heldReferrals(3);
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(429);
      expect(response.body.error).toMatchObject({ type: 'credits_exhausted', context: { limit: 'included_credits_per_month', value: 2 } });
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(new Set(await statusesOf(ids))).toEqual(new Set(['review_required']));
      expect(await billingOf(admin.userId)).toEqual(NOTHING_BILLED);
    });

    it('bills past the included credits as overage where the plan allows it', async () => {
      const gateway = apiWithPlans({ pro: { ...plans.pro, includedCreditsPerMonth: 1 } });
      const admin = await givenApiKey({ plan: 'pro' });
      const ids = await heldReferrals(3);
      expect((await bulkRequest({ ids }, { headers: withKey(admin.key), gateway })).status).toBe(200);
      const overage = (await usageRecordsOf(admin.userId)).map((usage) => usage.overage);
      expect(overage.sort()).toEqual([false, true, true]);
    });
  });

  // Bulk approve takes the same body: its refusals are the same.
  describe.each(['reject', 'approve'] as const)('invalid input to a bulk %s: 400 with the issues, nothing changed', (action) => {
    let admin: TestKey;
    let canary: string;
    beforeAll(async () => {
      admin = await givenApiKey();
      canary = (await givenAttribution()).id;
    });
    const expectNothingChanged = async () => {
      expect((await storedAttribution(canary))?.status).toBe('review_required');
      expect((await billingOf(admin.userId)).usage).toEqual([]);
    };

    it.each<[string, string | undefined, string]>([
      ['a missing body', undefined, 'body'],
      ['an empty body', '', 'body'],
      ['malformed JSON', '{"ids":', 'msg:Request body must be valid JSON'],
      ['an array', '["a"]', 'body'],
      ['no ids', '{"reason":"x"}', 'body.ids'],
      ['an empty list', '{"ids":[]}', 'body.ids'],
      ['101 ids', JSON.stringify({ ids: Array.from({ length: 101 }, (_, index) => `attr-${index}`) }), 'body.ids'],
      ['a repeated id', '{"ids":["CANARY","CANARY"]}', 'body.ids'],
      ['a malformed id', '{"ids":["CANARY","attr/1"]}', 'body.ids.1'],
      ['an id that is not a string', '{"ids":["CANARY",7]}', 'body.ids.1'],
      ['ids that are not a list', '{"ids":"CANARY"}', 'body.ids'],
      ['an unknown field', '{"ids":["CANARY"],"status":"rejected"}', 'body.status'],
      ['a blank reason', '{"ids":["CANARY"],"reason":"  "}', 'body.reason'],
      ['a reason over 500 characters', JSON.stringify({ ids: ['CANARY'], reason: 'x'.repeat(501) }), 'body.reason'],
      ['501 emoji', JSON.stringify({ ids: ['CANARY'], reason: '😀'.repeat(501) }), 'body.reason'],
      ['a NUL in the reason', JSON.stringify({ ids: ['CANARY'], reason: 'a\u0000b' }), 'body.reason'],
      ['a terminal escape in the reason', JSON.stringify({ ids: ['CANARY'], reason: '\u001b[31mred' }), 'body.reason'],
      ['a line break in the reason', JSON.stringify({ ids: ['CANARY'], reason: 'a\r\nb' }), 'body.reason'],
      ['a right-to-left override in the reason', JSON.stringify({ ids: ['CANARY'], reason: 'a\u202eb' }), 'body.reason'],
      ['a reason of zero-width spaces', JSON.stringify({ ids: ['CANARY'], reason: '\u200b\u200b' }), 'body.reason'],
      ['a lone surrogate in the reason', '{"ids":["CANARY"],"reason":"\\udc00"}', 'body.reason'],
    ])('for %s', async (_name, rawBody, field) => {
      const body = rawBody?.replaceAll('CANARY', canary);
      const response = await bulkRequest(undefined, {
        action,
        headers: { ...withKey(admin.key), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { rawBody: body }),
      });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 400, data: null, error: { type: 'invalid_request', retryable: false } });
      if (field.startsWith('msg:')) expect(response.body.msg).toBe(field.slice(4));
      else expect(response.body.error.context.issues.map((issue: { field: string }) => issue.field)).toContain(field);
      await expectNothingChanged();
    });

    it('for a malformed Idempotency-Key', async () => {
      const response = await bulkRequest({ ids: [canary] }, { action, headers: { ...withKey(admin.key), 'idempotency-key': ' spaced ' } });
      expect(response.status).toBe(400);
      await expectNothingChanged();
    });

    it('never a 5xx and nothing changed, for any body that is not a valid one', async () => {
      const gateway = apiWithPlans({ enterprise: { ...plans.enterprise, ratePerMinute: 1_000_000 } });
      const isValid = (value: unknown): boolean => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const body = value as Record<string, unknown>;
        if (Object.keys(body).some((key) => key !== 'ids' && key !== 'reason')) return false;
        const ids = body.ids;
        const idsValid =
          Array.isArray(ids) &&
          ids.length >= 1 &&
          ids.length <= 100 &&
          new Set(ids).size === ids.length &&
          ids.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id));
        const reason = body.reason;
        return idsValid && (reason === undefined || v.is(ReasonSchema, reason));
      };
      const bodies = fc.oneof(
        fc.jsonValue(),
        fc.record(
          { ids: fc.oneof(fc.array(fc.string(), { maxLength: 120 }), fc.jsonValue()), reason: fc.jsonValue() },
          { requiredKeys: [] },
        ),
        fc.dictionary(fc.string(), fc.jsonValue()),
      );
      await fc.assert(
        fc.asyncProperty(
          bodies.filter((value) => !isValid(value)),
          async (value) => {
            const response = await bulkRequest(value, { action, headers: withKey(admin.key), gateway });
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
          },
        ),
        { numRuns: 100 },
      );
      await expectNothingChanged();
    });
  });

  describe('Idempotency-Key', () => {
    it('replays the first response byte for byte, charging nothing more; other ids under the key give 422', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      const headers = { ...withKey(admin.key), 'content-type': 'application/json', 'idempotency-key': uniqueId('bulk') };
      const send = (body: unknown) => api({ method: 'POST', path: pathTo(bulkRejectRoute), headers, body: JSON.stringify(body) });

      const first = await send({ ids, reason: 'ring' });
      const replay = await send({ ids, reason: 'ring' });
      const reused = await send({ ids: ids.slice(1), reason: 'ring' });

      expect(first.statusCode).toBe(200);
      expect(replay.statusCode).toBe(200);
      expect(replay.body).toBe(first.body);
      expect(replay.headers?.['idempotent-replayed']).toBe('true');
      expect(reused.statusCode).toBe(422);
      expect(JSON.parse(reused.body).error.type).toBe('idempotency_key_reused');
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.usage.length]).toEqual([3, 3]);
      for (const id of ids) expect(await activityOf(id)).toHaveLength(1);
    });

    it('lets exactly one of 5 concurrent requests with the same key take effect', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(4);
      const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('bulk') };
      const responses = await times(5, () => bulkRequest({ ids }, { headers }));
      const ok = responses.filter((response) => response.status === 200);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const response of responses.filter((item) => item.status !== 200)) {
        expect(response.status).toBe(409);
        expect(response.body.error).toMatchObject({ type: 'request_in_progress', retryable: true });
      }
      for (const response of ok) expect(response.body.data).toEqual(ok[0]?.body.data);
      expect(ok[0]?.body.data.rejected).toBe(4);
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.usage.length]).toEqual([4, 4]);
    });
  });

  describe('concurrency', () => {
    it('two bulk requests over overlapping ids reject and charge each referral exactly once', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(30);
      const [a, b] = await Promise.all([
        bulkRequest({ ids: ids.slice(0, 20) }, { headers: withKey(admin.key) }),
        bulkRequest({ ids: ids.slice(10) }, { headers: withKey(admin.key) }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const rejectedBy = (response: typeof a) =>
        response.body.data.results
          .filter((result: { outcome: string }) => result.outcome === 'rejected')
          .map((result: { id: string }) => result.id);
      const all = [...rejectedBy(a), ...rejectedBy(b)];
      expect(all.sort()).toEqual([...ids].sort());
      for (const result of [...a.body.data.results, ...b.body.data.results].filter((item) => item.outcome !== 'rejected')) {
        expect(result).toMatchObject({ outcome: 'conflict', error: { context: { status: 'rejected' } } });
      }
      expect(a.body.data.rejected + b.body.data.rejected).toBe(30);
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.month, billing.usage.length]).toEqual([30, 30, 30]);
      const activity = await Promise.all(ids.map((id) => activityOf(id)));
      expect(activity.map((items) => items.length)).toEqual(ids.map(() => 1));
    });

    it('a bulk request racing single rejects of the same referrals rejects and charges each exactly once', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(12);
      const [bulk, ...singles] = await Promise.all([
        bulkRequest({ ids }, { headers: withKey(admin.key) }),
        ...ids.map((id) => rejectRequest(id, { headers: withKey(admin.key) })),
      ]);
      expect(bulk?.status).toBe(200);
      const singleWins = singles.filter((response) => response.status === 200).length;
      for (const response of singles.filter((item) => item.status !== 200)) expect(response.body.error.type).toBe('conflict');
      expect(bulk?.body.data.rejected + singleWins).toBe(12);
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.month, billing.usage.length]).toEqual([12, 12, 12]);
      expect(new Set(await statusesOf(ids))).toEqual(new Set(['rejected']));
    });

    it('a daily cap of 10 with three concurrent bulk requests of 5 charges at most 10', async () => {
      const gateway = apiWithPlans({ growth: { ...plans.growth, dailyCap: 10 } });
      const admin = await givenApiKey({ plan: 'growth' });
      const ids = await heldReferrals(15);
      const responses = await times(3, (index) =>
        bulkRequest({ ids: ids.slice(index * 5, index * 5 + 5) }, { headers: withKey(admin.key), gateway }),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
      expect(responses.find((response) => response.status === 429)?.body.error.type).toBe('daily_cap_reached');
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.usage.length]).toEqual([10, 10]);
      expect((await statusesOf(ids)).filter((status) => status === 'rejected')).toHaveLength(10);
    });
  });

  describe('faults', () => {
    const authorizerDb = instrumentedClient();
    const functionDb = instrumentedClient({ maxAttempts: 2 });
    const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
    const $metadata = { httpStatusCode: 500, attempts: 1, totalRetryDelay: 0 };
    const serverError = () => new InternalServerError({ message: 'injected 500', $metadata });
    // Throttling is a definite refusal: DynamoDB applied nothing (a 5xx may have been applied, see lost-answers).
    const throttled = () => new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata });
    const { release: isRelease, reservation: isReservation, itemOf: isItemOf } = writes;

    beforeEach(() => {
      authorizerDb.reset();
      functionDb.reset();
    });

    it('in the reservation: a retryable 500, nothing rejected, nothing charged', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: throttled, times: Infinity, matches: isReservation });
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(500);
      expect(response.body.error).toMatchObject({ type: 'dependency_unavailable', retryable: true });
      expect(functionDb.injectedAttempts()).toBe(2);
      expect(new Set(await statusesOf(ids))).toEqual(new Set(['review_required']));
      expect(await billingOf(admin.userId)).toEqual(NOTHING_BILLED);
    });

    it('in some per-item transactions: those fail retryably and untouched, the rest is whole, unused credits are released', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(6);
      const broken = [ids[1], ids[4]] as string[];
      for (const id of broken)
        functionDb.inject({ command: 'TransactWriteItemsCommand', error: throttled, times: Infinity, matches: isItemOf(id) });
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(200);
      expect(response.body.data).toMatchObject({ rejected: 4, failed: 2 });
      for (const id of broken) {
        expect(response.body.data.results.find((result: { id: string }) => result.id === id)).toEqual({
          id,
          outcome: 'failed',
          error: { type: 'dependency_unavailable', retryable: true },
        });
        expect((await storedAttribution(id))?.status).toBe('review_required');
        expect(await activityOf(id)).toEqual([]);
      }
      for (const id of ids.filter((item) => !broken.includes(item))) {
        expect((await storedAttribution(id))?.status).toBe('rejected');
        expect(await activityOf(id)).toHaveLength(1);
      }
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.month, billing.usage.length]).toEqual([4, 4, 4]);
      expect(billing.usage.map((usage) => usage.attribution_id).sort()).toEqual(ids.filter((id) => !broken.includes(id)).sort());
      // A retry of the same request finishes the job.
      const retry = await bulkRequest({ ids }, { headers: withKey(admin.key) });
      expect(retry.body.data.rejected).toBe(2);
      expect((await billingOf(admin.userId)).day).toBe(6);
    });

    it('in the release: still a 200, and the counters over-count by the unused credits, never under-count', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(4);
      const taken = await givenAttribution();
      await rejectRequest(taken.id, { headers: withKey(admin.key) });
      const gone = ids[0] as string;
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: throttled, times: Infinity, matches: isItemOf(gone) });
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: serverError, times: Infinity, matches: isRelease });
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(200);
      expect(response.body.data.rejected).toBe(3);
      const billing = await billingOf(admin.userId);
      expect(billing.usage).toHaveLength(4);
      expect(billing.day).toBe(5);
      expect(billing.month).toBe(5);
    });

    it('a passing fault anywhere is absorbed by the SDK retry', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      for (const command of ['BatchGetItemCommand', 'UpdateItemCommand', 'GetItemCommand']) {
        functionDb.inject({ command, error: serverError, times: 1 });
      }
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: serverError, times: 1, matches: isReservation });
      functionDb.inject({ command: 'TransactWriteItemsCommand', error: serverError, times: 1, matches: isItemOf(ids[2] as string) });
      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
      expect(response.status).toBe(200);
      expect(response.body.data.rejected).toBe(3);
      expect(functionDb.injectedAttempts()).toBe(5);
      const billing = await billingOf(admin.userId);
      expect([billing.day, billing.usage.length]).toEqual([3, 3]);
    });
  });
});
