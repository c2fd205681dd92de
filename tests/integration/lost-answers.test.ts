// Writes that DynamoDB applies and whose answers are lost: every outcome is resolved before the API answers.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient, REQUEST_TIMEOUT_MS } from '../../functions/adapters/dynamodb-client.js';
import { isUnknownOutcome } from '../../functions/adapters/dynamodb-errors.js';
import { MAX_SENDS } from '../../functions/adapters/transact.js';
import { pathTo } from '../../functions/http/route.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { apiOnClients, bulkRequest, getRequest, rejectRequest, withKey } from '../support/api.js';
import { instrumentedClient, lostAnswer, writes } from '../support/instrumented-client.js';
import { startSilentServer } from '../support/silent-server.js';
import {
  activityOf,
  billingOf,
  givenApiKey,
  givenAttribution,
  heldReferrals,
  storedAttribution,
  uniqueId,
} from '../support/table-records.js';

const LIST = pathTo(listReferralsRoute);

/** The counters hold exactly what the usage records bill. */
const expectCountersExact = async (userId: string) => {
  const billing = await billingOf(userId);
  expect([billing.day, billing.month]).toEqual([billing.charged, billing.charged]);
  return billing;
};

const { release: isRelease, reservation: isReservation, itemOf: isItemOf, idempotency: isIdempotencyWrite } = writes;

describe('a write that DynamoDB applied, whose answer was lost', () => {
  const authorizerDb = instrumentedClient();
  const functionDb = instrumentedClient({ maxAttempts: 3 });
  const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
  const loseAnswers = (command: string, lost: number, matches?: (input: Record<string, unknown>) => boolean) =>
    functionDb.inject({ command, when: 'after', times: lost, ...(matches ? { matches } : {}) });

  beforeEach(() => {
    authorizerDb.reset();
    functionDb.reset();
  });

  // 1: the SDK's own retry resends the same request; 4: past the SDK's 3 attempts, the adapter resends with the same token.
  describe.each([1, 4])('%i times', (lost) => {
    it('a single reject answers 200, with one activity item and one usage record', async () => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      loseAnswers('TransactWriteItemsCommand', lost);

      const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(functionDb.injectedAttempts()).toBe(lost);
      expect((await storedAttribution(attribution.id))?.status).toBe('rejected');
      expect(await activityOf(attribution.id)).toHaveLength(1);
      expect((await expectCountersExact(admin.userId)).usage).toHaveLength(1);
    });

    it('a keyed reject answers 200, and its retry replays it byte for byte, charging nothing more', async () => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('key') };
      loseAnswers('TransactWriteItemsCommand', lost);

      const first = await rejectRequest(attribution.id, { headers, gateway });
      const retry = await rejectRequest(attribution.id, { headers, gateway });

      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect((await expectCountersExact(admin.userId)).usage).toHaveLength(1);
    });

    it("a bulk referral's write: reported rejected, its credit kept, the counters exact", async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      loseAnswers('TransactWriteItemsCommand', lost, isItemOf(ids[1] as string));

      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(response.body.data.results.map((result: { outcome: string }) => result.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
      for (const id of ids) expect(await activityOf(id)).toHaveLength(1);
      expect((await expectCountersExact(admin.userId)).usage).toHaveLength(3);
    });

    it('the bulk reservation: reserved once, the counters exact', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      loseAnswers('TransactWriteItemsCommand', lost, isReservation);

      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(response.body.data.rejected).toBe(3);
      expect((await expectCountersExact(admin.userId)).charged).toBe(3);
    });

    it('the bulk release: gives back exactly once, never twice', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(4);
      // Two referrals stop being held between the read and their writes, so two reserved credits go back.
      const throttled = () => Object.assign(new Error('injected throttling'), { name: 'ProvisionedThroughputExceededException' });
      for (const id of ids.slice(0, 2)) {
        functionDb.inject({ command: 'TransactWriteItemsCommand', error: throttled, times: Infinity, matches: isItemOf(id) });
      }
      loseAnswers('TransactWriteItemsCommand', lost, isRelease);

      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(response.body.data.rejected).toBe(2);
      expect((await expectCountersExact(admin.userId)).charged).toBe(2);
    });

    it('the bulk claim and completion: 200, and the retry replays it', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(2);
      const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('key') };
      loseAnswers('PutItemCommand', lost, isIdempotencyWrite('in_progress'));
      loseAnswers('PutItemCommand', lost, isIdempotencyWrite('completed'));

      const first = await bulkRequest({ ids }, { headers, gateway });
      const retry = await bulkRequest({ ids }, { headers, gateway });

      expect([first.status, retry.status]).toEqual([200, 200]);
      expect(first.body.data.rejected).toBe(2);
      expect(retry.body).toEqual(first.body);
      // The claim's resend meets its own claim; the completion's resend meets its own condition again.
      expect(functionDb.injectedAttempts()).toBeGreaterThanOrEqual(2);
      expect((await expectCountersExact(admin.userId)).charged).toBe(2);
    });

    it('the charge of a list and of a get: 200 each, charged once each', async () => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      loseAnswers('TransactWriteItemsCommand', lost);
      const list = await getRequest(`${LIST}?status=review_required&limit=1`, { headers: withKey(admin.key), gateway });
      loseAnswers('TransactWriteItemsCommand', lost);
      const read = await getRequest(pathTo(getReferralRoute, { id: attribution.id }), { headers: withKey(admin.key), gateway });

      expect([list.status, read.status]).toEqual([200, 200]);
      expect(functionDb.injectedAttempts()).toBe(2 * lost);
      const billing = await expectCountersExact(admin.userId);
      expect(billing.usage.map((usage) => usage.request_id).sort()).toEqual([list.body.request_id, read.body.request_id].sort());
    });
  });

  describe('every time, past every resend', () => {
    it('a bulk referral is reported unknown and retryable, its credit kept; resending the id answers conflict', async () => {
      const admin = await givenApiKey();
      const ids = await heldReferrals(3);
      const lostOne = ids[2] as string;
      loseAnswers('TransactWriteItemsCommand', Infinity, isItemOf(lostOne));

      const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(response.body.data.results[2]).toEqual({
        id: lostOne,
        outcome: 'unknown',
        error: { type: 'dependency_unavailable', retryable: true },
      });
      expect(functionDb.injectedAttempts()).toBe(3 * MAX_SENDS);
      // It was applied: rejected, audited and billed, and its credit was not released.
      expect((await storedAttribution(lostOne))?.status).toBe('rejected');
      expect(await activityOf(lostOne)).toHaveLength(1);
      expect((await expectCountersExact(admin.userId)).usage).toHaveLength(3);

      functionDb.reset();
      const resend = await bulkRequest({ ids: [lostOne] }, { headers: withKey(admin.key), gateway });
      expect(resend.body.data.results[0]).toMatchObject({ outcome: 'conflict', error: { context: { status: 'rejected' } } });
    });

    it('a keyed single reject answers a retryable 500 that says the outcome is unknown; the retry replays the 200 it committed', async () => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('key') };
      loseAnswers('TransactWriteItemsCommand', Infinity);

      const response = await rejectRequest(attribution.id, { headers, gateway });

      expect(response.status).toBe(500);
      expect(response.body.error).toEqual({ type: 'dependency_unavailable', retryable: true, context: { write_outcome: 'unknown' } });
      functionDb.reset();
      const retry = await rejectRequest(attribution.id, { headers, gateway });
      expect(retry.status).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      // The usage record bills the 200 the retry returns, under that 200's request id.
      const billing = await expectCountersExact(admin.userId);
      expect(billing.usage.map((usage) => [usage.request_id, usage.status_code])).toEqual([[retry.body.request_id, 200]]);
    });

    it('the charge of a list: the 200 stands, and its usage record and the counters agree', async () => {
      const admin = await givenApiKey();
      await givenAttribution();
      loseAnswers('TransactWriteItemsCommand', Infinity);

      const list = await getRequest(`${LIST}?status=review_required&limit=1`, { headers: withKey(admin.key), gateway });

      expect(list.status).toBe(200);
      const billing = await expectCountersExact(admin.userId);
      expect(billing.usage.map((usage) => usage.request_id)).toEqual([list.body.request_id]);
    });
  });
});

describe('a DynamoDB that accepts a request and never answers', () => {
  it('has the request abandoned at the request timeout, as a retryable timeout, not awaited for ever', async () => {
    const server = await startSilentServer();
    const client = createDocumentClient({ endpoint: `http://${server.hostname}:${server.port}`, maxAttempts: 1 });
    try {
      const started = Date.now();
      const error = await client.send(new GetCommand({ TableName: 'usage', Key: { pk: 'a', sk: 'b' } })).catch((caught) => caught);
      expect(error).toMatchObject({ name: 'TimeoutError' });
      expect(isUnknownOutcome(error)).toBe(true);
      expect(server.accepted()).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
      expect(Date.now() - started).toBeLessThan(2 * REQUEST_TIMEOUT_MS);
    } finally {
      client.destroy();
      await server.close();
    }
  });

  it("a bulk reject still answers within the function's time: stalled referrals unknown, their credits kept", async () => {
    const authorizerDb = instrumentedClient();
    const functionDb = instrumentedClient({ maxAttempts: 3 });
    const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
    const admin = await givenApiKey();
    const ids = await heldReferrals(3);
    const stalled = ids.slice(1);
    for (const id of stalled)
      functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'stall', times: Infinity, matches: isItemOf(id) });

    // The emulation answers 502 when the function outlives its timeout, as API Gateway does.
    const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(200);
    expect(response.body.data.results.map((result: { outcome: string }) => result.outcome)).toEqual(['rejected', 'unknown', 'unknown']);
    for (const id of stalled) expect((await storedAttribution(id))?.status).toBe('review_required');
    // Nothing reached DynamoDB, but nothing says so: the two credits stay reserved, an over-count the README allows.
    const billing = await billingOf(admin.userId);
    expect([billing.day, billing.month, billing.charged]).toEqual([3, 3, 1]);
  });
});

describe('lost answers and resets among concurrent requests', () => {
  it('leave one activity item and one charge per rejected referral, counters equal to the records, no charged 5xx', async () => {
    const authorizerDb = instrumentedClient();
    const functionDb = instrumentedClient({ maxAttempts: 3 });
    const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
    // A seeded sequence, so that a failing run can be replayed.
    let seed = 20261130;
    const chance = (p: number) => () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31 < p;
    };
    for (const command of ['TransactWriteItemsCommand', 'PutItemCommand', 'DeleteItemCommand']) {
      functionDb.inject({ command, when: 'after', times: Infinity, matches: chance(0.15) });
      // A reset before DynamoDB sees the request looks the same to the client.
      functionDb.inject({ command, error: lostAnswer, times: Infinity, matches: chance(0.05) });
    }
    const admin = await givenApiKey();
    const ids = await heldReferrals(24);
    const headers = withKey(admin.key);
    const keyed = (key: string) => ({ ...headers, 'idempotency-key': key });

    const responses = await Promise.all([
      // Singles, some twice at once, some twice under one key.
      ...ids.slice(0, 8).map((id) => rejectRequest(id, { headers, gateway })),
      ...ids.slice(0, 4).map((id) => rejectRequest(id, { headers, gateway })),
      ...ids.slice(8, 12).flatMap((id) => [1, 2].map(() => rejectRequest(id, { headers: keyed(`single-${id}`), gateway }))),
      // Bulk requests over overlapping ids, one of them keyed and sent twice.
      bulkRequest({ ids: ids.slice(6, 18) }, { headers, gateway }),
      bulkRequest({ ids: ids.slice(12, 24) }, { headers, gateway }),
      ...[1, 2].map(() => bulkRequest({ ids: ids.slice(16, 24) }, { headers: keyed(`bulk-${ids[0]}`), gateway })),
      // Reads, each charged on its own.
      ...ids.slice(0, 6).map((id) => getRequest(pathTo(getReferralRoute, { id }), { headers, gateway })),
      ...[1, 2, 3].map(() => getRequest(`${LIST}?status=rejected&limit=5`, { headers, gateway })),
    ]);

    expect(functionDb.injectedAttempts()).toBeGreaterThan(0);
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => [200, 409, 500].includes(status))).toBe(true);

    // Every referral a 2xx said was rejected is rejected, and every rejected one was answered for.
    const answered = new Set<string>();
    const unknown = new Set<string>();
    for (const response of responses) {
      if (response.status !== 200) continue;
      const attribution = response.body.data?.attribution;
      if (attribution?.status === 'rejected' && response.body.data.rewards) answered.add(attribution.id);
      for (const result of response.body.data?.results ?? []) {
        if (result.outcome === 'rejected') answered.add(result.id);
        if (result.outcome === 'unknown') unknown.add(result.id);
      }
    }
    const unknownSingles = responses.filter((response) => response.body.error?.context?.write_outcome === 'unknown').length;
    for (const id of ids) {
      const status = (await storedAttribution(id))?.status;
      const activity = await activityOf(id);
      if (answered.has(id)) expect(status).toBe('rejected');
      if (status === 'rejected') {
        expect(activity).toHaveLength(1);
        expect(answered.has(id) || unknown.has(id) || unknownSingles > 0).toBe(true);
      } else {
        expect(activity).toEqual([]);
      }
    }

    const billing = await billingOf(admin.userId);
    const rejected = (await Promise.all(ids.map(storedAttribution))).filter((item) => item?.status === 'rejected').length;
    const rejectCharges = billing.usage.filter((usage) => String(usage.endpoint).includes('reject'));
    expect(rejectCharges).toHaveLength(rejected);
    // A 5xx is charged only when it says its outcome is unknown.
    const charged = new Set(billing.usage.map((usage) => usage.request_id));
    for (const response of responses) {
      if (response.status >= 500 && response.body.error?.context?.write_outcome !== 'unknown') {
        expect(charged.has(response.body.request_id)).toBe(false);
      }
    }
    // Exact, unless a write stayed unknown without having been applied: then over, never under.
    expect(billing.day).toBe(billing.month);
    expect(billing.day).toBeGreaterThanOrEqual(billing.charged);
    // The README's allowance: a referral reported unknown, and a failed bulk request's reservation (at most its 12 ids).
    const failedRequests = responses.filter((response) => response.status >= 500).length;
    expect(billing.day - billing.charged).toBeLessThanOrEqual(unknown.size + 12 * failedRequests);
    if (unknown.size === 0 && statuses.every((status) => status < 500)) expect(billing.day).toBe(billing.charged);
  });
});
