import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { attributionItem, attributionItemKey, queueShard } from '../../functions/adapters/referrals-table.js';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { plans } from '../../functions/billing/plans.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createHandler as createRejectHandler } from '../../functions/handlers/reject-referral/handler.js';
import { createDecisionDeps } from '../../functions/handlers/review/dependencies.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createGetHandler } from '../../functions/handlers/review-queue/get-handler.js';
import { createHandler as createListHandler } from '../../functions/handlers/review-queue/list-handler.js';
import { endpointOf, pathTo } from '../../functions/http/route.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import type { Attribution } from '../../functions/referrals/attribution.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { apiWithPlans, checkedGateway, getRequest, rejectRequest, withKey } from '../support/api.js';
import { db, givenApiKey, givenAttribution, givenReward, tables, uniqueId, usageRecordsOf } from '../support/table-records.js';

// The queue reads a referrals table of its own here, so that pages hold exactly what each test put there.
const queueTables = { ...LOCAL_TABLE_NAMES, referrals: `referrals-queue-${uniqueId('t')}` };
const env = { ...process.env, REFERRALS_TABLE: queueTables.referrals };
const gateway = checkedGateway({
  authorizer: createAuthorizerHandler(createAuthorizerDeps()),
  functions: {
    listReferrals: createListHandler(createReviewQueueDeps(env)),
    getReferral: createGetHandler(createReviewQueueDeps(env)),
    rejectReferral: createRejectHandler(createDecisionDeps(env)),
  },
});
const seed = createSeedWriter(db, queueTables);

const held = (id: string, created_at: string, overrides: Partial<Attribution> = {}): Attribution => ({
  id,
  status: 'review_required',
  created_at,
  referrer_user_id: 'user-referrer',
  review_reason: 'velocity',
  risk_flags: ['velocity'],
  ...overrides,
});

// Seven held referrals (two created at the same instant), and some in other statuses.
const queue = [
  held('q-b', '2026-10-02T00:00:00.000Z'),
  held('q-a', '2026-10-02T00:00:00.000Z'),
  held('q-c', '2026-10-01T00:00:00.000Z', { referrer_user_id: 'ring-leader' }),
  held('q-d', '2026-10-03T00:00:00.000Z', { referrer_user_id: 'ring-leader' }),
  held('q-e', '2026-10-04T00:00:00.000Z'),
  held('q-f', '2026-10-05T00:00:00.000Z', { referrer_user_id: 'ring-leader' }),
  held('q-g', '2026-10-06T00:00:00.000Z'),
];
const expectedOrder = ['q-c', 'q-a', 'q-b', 'q-d', 'q-e', 'q-f', 'q-g'];

let admin: Awaited<ReturnType<typeof givenApiKey>>;
beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, queueTables);
  for (const attribution of [
    ...queue,
    held('r-1', '2026-09-01T00:00:00.000Z', { status: 'rejected' }),
    held('r-2', '2026-09-02T00:00:00.000Z', { status: 'rewarded' }),
  ]) {
    await seed.putAttribution(attribution);
  }
  admin = await givenApiKey({ plan: 'enterprise' });
});

const LIST = pathTo(listReferralsRoute);
const list = (query: string) => getRequest(`${LIST}${query}`, { headers: withKey(admin.key), gateway });

/** Every page of a query, following next_cursor. */
const allPages = async (query: string) => {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const response = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    pages.push(response.body.data.attributions.map((attribution: Attribution) => attribution.id));
    cursor = response.body.data.next_cursor;
  } while (cursor && pages.length < 20);
  return pages;
};

describe('GET /api/v1/admin/referrals', () => {
  it('lists the referrals awaiting review, oldest first and ties by id, a page at a time, with every stored field', async () => {
    const first = await list('?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.data.attributions).toHaveLength(3);
    // Every listed referral shows its claim: null when nobody holds it.
    expect(first.body.data.attributions[0]).toEqual({ ...queue[2], claim: null });
    expect(first.body.data.attributions[0]).not.toHaveProperty('queue_order');
    const pages = await allPages('?limit=3');
    expect(pages.map((page) => page.length).slice(0, 3)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(expectedOrder);
    const whole = await list('');
    expect(whole.body.data).toEqual({
      attributions: expectedOrder.map((id) => ({ ...queue.find((item) => item.id === id), claim: null })),
      next_cursor: null,
    });
  });

  it('never lists an attribution under a status it left, even while its queue key still names that status', async () => {
    // As another writer leaves it until the queue indexer catches up: the status moved on, the key did not. It sits
    // first in the shard of the oldest held referral, so that it takes a place in that shard's read.
    const moved = attributionItem(held('moved-5', '2026-09-15T00:00:00.000Z'));
    expect(queueShard(moved.id)).toBe(queueShard('q-c'));
    expect(moved.queue_key).toMatch(/^review_required#/);
    await db.send(new PutCommand({ TableName: queueTables.referrals, Item: { ...moved, status: 'rewarded' } }));
    try {
      const listed = (await allPages('?limit=100')).flat();
      expect(listed).toEqual(expectedOrder);
      expect(listed).not.toContain(moved.id);
      // A page may come out shorter than its limit, never out of order: the walk still repeats and skips nothing.
      const pages = await allPages('?limit=2');
      expect(pages[0]).toEqual(['q-c']);
      expect(pages.flat()).toEqual(expectedOrder);
    } finally {
      await db.send(new DeleteCommand({ TableName: queueTables.referrals, Key: attributionItemKey(moved.id) }));
    }
  });

  it('lists another status when asked', async () => {
    expect((await list('?status=rejected')).body.data.attributions.map((a: Attribution) => a.id)).toEqual(['r-1']);
    // Only the queue and what was rejected from it are listed: the pipeline's own statuses stay out of the index.
    expect((await list('?status=expired')).status).toBe(400);
  });

  it('filters by referrer across pages, in queue order', async () => {
    const pages = await allPages('?referrer_user_id=ring-leader&limit=2');
    expect(pages.flat()).toEqual(['q-c', 'q-d', 'q-f']);
  });

  it('neither repeats nor skips an item while items leave the queue between pages', async () => {
    const isolated = { ...queueTables, referrals: `referrals-moving-${uniqueId('t')}` };
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, isolated);
    const movingEnv = { ...process.env, REFERRALS_TABLE: isolated.referrals };
    const moving = checkedGateway({
      authorizer: createAuthorizerHandler(createAuthorizerDeps()),
      functions: {
        listReferrals: createListHandler(createReviewQueueDeps(movingEnv)),
        rejectReferral: createRejectHandler(createDecisionDeps(movingEnv)),
      },
    });
    const writer = createSeedWriter(db, isolated);
    const ids = Array.from({ length: 9 }, (_, index) => `m-${index}`);
    for (const [index, id] of ids.entries()) await writer.putAttribution(held(id, `2026-10-0${index + 1}T00:00:00.000Z`));
    const page = (cursor?: string) =>
      getRequest(`${LIST}?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { headers: withKey(admin.key), gateway: moving });
    const first = await page();
    // m-1 (already seen) and m-4 (not yet seen) leave the queue before the next page is read.
    for (const id of ['m-1', 'm-4']) expect((await rejectRequest(id, { headers: withKey(admin.key), gateway: moving })).status).toBe(200);
    const second = await page(first.body.data.next_cursor);
    const third = await page(second.body.data.next_cursor);
    const seen = [first, second, third].flatMap((response) => response.body.data.attributions.map((a: Attribution) => a.id));
    expect(seen).toEqual(['m-0', 'm-1', 'm-2', 'm-3', 'm-5', 'm-6', 'm-7', 'm-8']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  const badQueries: [string, string, string][] = [
    ['an unknown status', '?status=pending', 'queryStringParameters.status'],
    ['limit 0', '?limit=0', 'queryStringParameters.limit'],
    ['limit 101', '?limit=101', 'queryStringParameters.limit'],
    ['a limit that is no number', '?limit=ten', 'queryStringParameters.limit'],
    ['a limit with a leading zero', '?limit=01', 'queryStringParameters.limit'],
    ['a fractional limit', '?limit=1.5', 'queryStringParameters.limit'],
    ['a limit with an exponent', '?limit=1e2', 'queryStringParameters.limit'],
    ['a signed limit', '?limit=%2B5', 'queryStringParameters.limit'],
    ['an unknown parameter', '?sort=desc', 'queryStringParameters.sort'],
    ['a repeated parameter', '?status=rejected&status=rewarded', 'multiValueQueryStringParameters.status'],
    ['an empty referrer', '?referrer_user_id=', 'queryStringParameters.referrer_user_id'],
  ];
  it.each(badQueries)('refuses %s with 400, naming the parameter, and charges nothing', async (_name, query, field) => {
    const caller = await givenApiKey();
    const response = await getRequest(`${LIST}${query}`, { headers: withKey(caller.key), gateway });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      type: 'invalid_request',
      context: { issues: expect.arrayContaining([expect.objectContaining({ field })]) },
    });
    expect(await usageRecordsOf(caller.userId)).toEqual([]);
  });

  it("names the allowed values of a parameter in the API's own words, never the validator's", async () => {
    const caller = await givenApiKey();
    const response = await getRequest(`${LIST}?status=bogus`, { headers: withKey(caller.key), gateway });
    expect(response.body.error.context.issues).toEqual([
      expect.objectContaining({
        field: 'queryStringParameters.status',
        message: 'status must be one of review_required, rejected',
      }),
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/Invalid type|Expected/);
  });

  describe('the cursor', () => {
    let cursor: string;
    beforeAll(async () => {
      cursor = (await list('?limit=2')).body.data.next_cursor;
    });

    const expectRefused = async (query: string) => {
      const response = await list(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toMatchObject({
        type: 'invalid_request',
        context: { issues: [{ field: 'queryStringParameters.cursor' }] },
      });
    };

    it('continues the query it was issued for', async () => {
      expect((await list(`?limit=2&cursor=${cursor}`)).body.data.attributions.map((a: Attribution) => a.id)).toEqual(['q-b', 'q-d']);
    });

    it('refuses a tampered, truncated or re-padded cursor with 400', async () => {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const forged = (change: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url');
      for (const bad of [
        cursor.slice(0, -3),
        `${cursor}=`,
        `${cursor.slice(0, 5)}${cursor[5] === 'A' ? 'B' : 'A'}${cursor.slice(6)}`,
        'not-a-cursor',
        forged({ shards: decoded.shards.slice(1) }),
        forged({ shards: decoded.shards.map(() => 'bad order') }),
        forged({ shards: decoded.shards.map(() => '2026-10-02T00:00:00.000Z#bad id!') }),
        forged({ shards: decoded.shards.map(() => false) }),
        forged({ status: 'expired' }),
        forged({ v: 1 }),
        forged({ extra: true }),
        Buffer.from('[1,2]').toString('base64url'),
        'x'.repeat(3000),
      ]) {
        await expectRefused(`?limit=2&cursor=${encodeURIComponent(bad)}`);
      }
    });

    it('refuses a cursor issued for another status or another referrer', async () => {
      await expectRefused(`?status=rejected&cursor=${cursor}`);
      await expectRefused(`?referrer_user_id=ring-leader&cursor=${cursor}`);
    });

    it('never answers an arbitrary cursor with a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 300 }),
            fc.base64String({ maxLength: 300 }),
            fc.json().map((text) => Buffer.from(text).toString('base64url')),
          ),
          async (text) => {
            const response = await list(`?limit=2&cursor=${encodeURIComponent(text)}`);
            expect([200, 400]).toContain(response.status);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});

describe('GET /api/v1/admin/referrals/{id}', () => {
  it('reads a referral with its rewards and its audit trail, newest first', async () => {
    const attribution = await givenAttribution();
    const reward = await givenReward(attribution.id);
    const older = {
      action: 'reject',
      previous_status: 'review_required',
      actor: 'someone',
      auth_method: 'jwt',
      subject_id: 's',
      request_id: 'req-old',
      at: '2026-01-01T00:00:00.000Z',
      attribution,
    };
    await db.send(
      new PutCommand({ TableName: tables.referrals, Item: { pk: attribution.id, sk: `activity#${older.at}#req-old`, ...older } }),
    );
    const rejected = await rejectRequest(attribution.id, { headers: withKey(admin.key), body: { reason: 'ring' } });
    const response = await getRequest(pathTo(getReferralRoute, { id: attribution.id }), { headers: withKey(admin.key) });
    expect(response.status).toBe(200);
    expect(response.body.data.attribution).toEqual({ ...rejected.body.data.attribution, claim: null });
    expect(response.body.data.rewards).toEqual([reward]);
    expect(response.body.data.activity.map((item: { request_id: string }) => item.request_id)).toEqual([
      rejected.body.request_id,
      'req-old',
    ]);
    expect(response.body.data.activity[0]).toMatchObject({
      action: 'reject',
      reason: 'ring',
      previous_review_reason: 'same_stripe_customer',
    });
  });

  it('answers 404 for an unknown id and 400 for a bad one, charging neither', async () => {
    const caller = await givenApiKey();
    const missing = await getRequest(pathTo(getReferralRoute, { id: 'no-such-referral' }), { headers: withKey(caller.key) });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ type: 'not_found', retryable: false });
    const bad = await getRequest(pathTo(getReferralRoute, { id: 'bad.id' }), { headers: withKey(caller.key) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.context.issues[0].field).toBe('pathParameters.id');
    expect(await usageRecordsOf(caller.userId)).toEqual([]);
  });
});

describe('metering of the read routes', () => {
  it('holds the daily cap as for reject: past it a read is 429 and uncharged', async () => {
    const caller = await givenApiKey({ plan: 'growth' });
    const capped = apiWithPlans({ growth: { ...plans.growth, dailyCap: 1 } });
    expect((await getRequest(`${LIST}?limit=1`, { headers: withKey(caller.key), gateway: capped })).status).toBe(200);
    const refused = await getRequest(`${LIST}?limit=1`, { headers: withKey(caller.key), gateway: capped });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'daily_cap_reached', context: { limit: 'daily_credits', value: 1 } });
    expect(refused.headers['retry-after']).toMatch(/^[0-9]+$/);
    expect(await usageRecordsOf(caller.userId)).toHaveLength(1);
  });

  it('charges one credit per 2xx with a usage record naming the route template, and the rate-limit headers', async () => {
    const caller = await givenApiKey({ plan: 'pro' });
    const attribution = await givenAttribution();
    const listed = await getRequest(`${LIST}?limit=1`, { headers: withKey(caller.key) });
    const read = await getRequest(pathTo(getReferralRoute, { id: attribution.id }), { headers: withKey(caller.key) });
    expect([listed.status, read.status]).toEqual([200, 200]);
    expect(listed.headers['x-ratelimit-limit']).toBe('120');
    const usage = await usageRecordsOf(caller.userId);
    expect(usage.map((record) => [record.endpoint, record.credits, record.request_id]).sort()).toEqual(
      [
        [endpointOf(listReferralsRoute), 1, listed.body.request_id],
        [endpointOf(getReferralRoute), 1, read.body.request_id],
      ].sort(),
    );
  });
});
