// Claims through the gateway on DynamoDB Local, with requests in parallel: a referral is worked by one reviewer at a
// time, claim-next never hands one out twice, decisions respect claims, and expiry is the server's clock.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, REQUEST_TIMEOUT_MS } from '../../functions/adapters/dynamodb-client.js';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createHandler as createBulkHandler } from '../../functions/handlers/bulk-reject/handler.js';
import { createHandler as createClaimNextHandler } from '../../functions/handlers/claim-next-referrals/handler.js';
import { createHandler as createClaimHandler } from '../../functions/handlers/claim-referral/handler.js';
import { createClaimDeps, createClaimNextDeps } from '../../functions/handlers/claims/dependencies.js';
import { createHandler as createRejectHandler } from '../../functions/handlers/reject-referral/handler.js';
import { createHandler as createReleaseHandler } from '../../functions/handlers/release-claim/handler.js';
import { createBulkDeps } from '../../functions/handlers/review/bulk-dependencies.js';
import { createDecisionDeps } from '../../functions/handlers/review/dependencies.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createListHandler } from '../../functions/handlers/review-queue/list-handler.js';
import { pathTo } from '../../functions/http/route.js';
import { claimNextRoute } from '../../functions/http/routes/claim-next-referrals.js';
import { claimReferralRoute } from '../../functions/http/routes/claim-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { releaseClaimRoute } from '../../functions/http/routes/release-claim.js';
import type { Attribution } from '../../functions/referrals/attribution.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { type ApiResult, bulkRequest, checkedGateway, decisionRequest, getRequest, withKey } from '../support/api.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { activityOf, db, givenApiKey, type TestKey, uniqueId, usageRecordsOf } from '../support/table-records.js';
import { times } from '../support/times.js';

// The queue of a referrals table of its own, so that claim-next sees exactly what each test put there.
const claimTables = { ...LOCAL_TABLE_NAMES, referrals: `referrals-claims-${uniqueId('t')}` };
const env = { ...process.env, REFERRALS_TABLE: claimTables.referrals };
const seed = createSeedWriter(db, claimTables);

/** The gateway over that table, on the functions' clock shifted by `skewMs` (a later server clock). */
const gatewayAt = (skewMs = 0) => {
  const clocked = <D extends object>(deps: D) => (skewMs ? { ...deps, now: () => new Date(Date.now() + skewMs) } : deps);
  return checkedGateway({
    authorizer: createAuthorizerHandler(createAuthorizerDeps()),
    functions: {
      claimReferral: createClaimHandler(clocked(createClaimDeps(env))),
      releaseClaim: createReleaseHandler(clocked(createClaimDeps(env))),
      claimNextReferrals: createClaimNextHandler(clocked(createClaimNextDeps(env))),
      rejectReferral: createRejectHandler(clocked(createDecisionDeps(env))),
      bulkRejectReferrals: createBulkHandler(clocked(createBulkDeps(env))),
      listReferrals: createListHandler(clocked(createReviewQueueDeps(env))),
    },
  });
};
const gateway = gatewayAt();
type Gateway = typeof gateway;

/**
 * Claim-next for a burst of callers at once (each reads the queue's 16 shards): its client waits longer for a
 * connection than the functions' 1 s, since on two cores DynamoDB Local accepts the burst's hundreds of new
 * connections more slowly than DynamoDB's endpoint does. What the burst proves is the claims' exclusivity.
 */
const burstGateway = checkedGateway({
  authorizer: createAuthorizerHandler(createAuthorizerDeps()),
  functions: {
    claimNextReferrals: createClaimNextHandler(
      createClaimNextDeps(
        env,
        clientFor(
          { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT },
          {
            requestHandler: {
              httpAgent: { keepAlive: true },
              connectionTimeout: 10_000,
              requestTimeout: REQUEST_TIMEOUT_MS,
              throwOnRequestTimeout: true,
            },
          },
        ),
      ),
    ),
  },
});

beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, claimTables);
});

const parse = (result: { statusCode: number; headers?: unknown; body: string }): ApiResult => ({
  status: result.statusCode,
  headers: (result.headers ?? {}) as Record<string, string>,
  body: JSON.parse(result.body),
});
const claim = (id: string, who: TestKey, body?: unknown, through: Gateway = gateway) =>
  through({
    method: 'POST',
    path: pathTo(claimReferralRoute, { id }),
    headers: { ...withKey(who.key), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then(parse);
const release = (id: string, who: TestKey, query = '', through: Gateway = gateway) =>
  through({ method: 'DELETE', path: `${pathTo(releaseClaimRoute, { id })}${query}`, headers: withKey(who.key) }).then(parse);
const claimNext = (who: TestKey, body: unknown, through: Gateway = gateway) =>
  through({
    method: 'POST',
    path: pathTo(claimNextRoute),
    headers: { ...withKey(who.key), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(parse);

/** Held referrals of a referrer of their own, created one second apart from `from` (the oldest first). */
const heldOf = async (count: number, from = '2026-06-01T00:00:00.000Z') => {
  const referrer = uniqueId('referrer');
  const start = Date.parse(from);
  const held: Attribution[] = Array.from({ length: count }, (_, index) => ({
    id: uniqueId('held'),
    status: 'review_required',
    referrer_user_id: referrer,
    created_at: new Date(start + index * 1000).toISOString(),
    review_reason: 'velocity',
  }));
  await Promise.all(held.map((attribution) => seed.putAttribution(attribution)));
  return { referrer, ids: held.map((attribution) => attribution.id) };
};

const storedClaim = async (id: string) => {
  const { Item } = await db.send(
    new GetCommand({ TableName: claimTables.referrals, Key: { pk: id, sk: 'attribution' }, ConsistentRead: true }),
  );
  return { by: Item?.claimed_by, until: Item?.claimed_until, status: Item?.status };
};

describe('POST …/referrals/{id}/claim and DELETE …/referrals/{id}/claim', () => {
  it('claims a held referral for 900 s by default, renews it for its holder, and refuses another reviewer with 409 claimed', async () => {
    const [alice, bob] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { ids } = await heldOf(1);
    const id = ids[0] as string;
    const before = Date.now();
    const first = await claim(id, alice);
    expect(first.status).toBe(200);
    expect(first.body.data.claim.by).toBe(alice.userId);
    expect(Date.parse(first.body.data.claim.until) - before).toBeGreaterThanOrEqual(899_000);
    expect(first.body.data.attribution).toMatchObject({ id, status: 'review_required', claim: first.body.data.claim });
    const renewed = await claim(id, alice, { lease_seconds: 3600 });
    expect(Date.parse(renewed.body.data.claim.until)).toBeGreaterThan(Date.parse(first.body.data.claim.until));
    const refused = await claim(id, bob);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      type: 'claimed',
      retryable: false,
      context: { id, claimed_by: alice.userId, claimed_until: renewed.body.data.claim.until },
    });
    // One credit a success; nothing for the refusal.
    expect((await usageRecordsOf(alice.userId)).length).toBe(2);
    expect(await usageRecordsOf(bob.userId)).toEqual([]);
  });

  it('answers 409 conflict for a referral not held and 404 for an unknown one, charging nothing', async () => {
    const alice = await givenApiKey();
    const rejected = uniqueId('rejected');
    await seed.putAttribution({ id: rejected, status: 'rejected' });
    expect((await claim(rejected, alice)).body.error).toMatchObject({ type: 'conflict', context: { status: 'rejected' } });
    expect((await claim('no-such-referral', alice)).status).toBe(404);
    expect(await usageRecordsOf(alice.userId)).toEqual([]);
  });

  it('10 concurrent claims of one referral: exactly one 200, nine 409 claimed', async () => {
    const reviewers = await times(10, () => givenApiKey());
    const { ids } = await heldOf(1);
    const answers = await Promise.all(reviewers.map((reviewer) => claim(ids[0] as string, reviewer)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array.from({ length: 9 }, () => 409)]);
    const winner = reviewers[answers.findIndex((answer) => answer.status === 200)] as TestKey;
    expect((await storedClaim(ids[0] as string)).by).toBe(winner.userId);
    for (const answer of answers.filter((each) => each.status === 409)) expect(answer.body.error.context.claimed_by).toBe(winner.userId);
  });

  it("releases its own claim, answers 200 with nothing to release, refuses another's, and forces it with referrals:override_claim", async () => {
    const [alice, reviewer, admin] = await Promise.all([givenApiKey(), givenApiKey({ role: 'reviewer' }), givenApiKey()]);
    const { ids } = await heldOf(2);
    const [mine, theirs] = ids as [string, string];
    expect((await claim(mine, alice)).status).toBe(200);
    const released = await release(mine, alice);
    expect([released.status, released.body.data.claim, released.body.data.attribution.claim]).toEqual([200, null, null]);
    expect((await storedClaim(mine)).by).toBeUndefined();
    expect((await release(mine, alice)).status).toBe(200);

    expect((await claim(theirs, alice)).status).toBe(200);
    expect((await release(theirs, reviewer)).body.error.type).toBe('claimed');
    const withoutRight = await release(theirs, reviewer, '?force=true');
    expect([withoutRight.status, withoutRight.body.error]).toEqual([
      403,
      { type: 'insufficient_permissions', retryable: false, context: { required: 'referrals:override_claim' } },
    ]);
    expect((await storedClaim(theirs)).by).toBe(alice.userId);
    const forced = await release(theirs, admin, '?force=true');
    expect(forced.status).toBe(200);
    expect((await storedClaim(theirs)).by).toBeUndefined();
    // The forced release is in the audit trail, naming whose claim it ended.
    const [trail] = await activityOf(theirs, claimTables.referrals);
    expect(trail).toMatchObject({ action: 'claim_released', actor: admin.userId, released_claim: { by: alice.userId } });
  });
});

describe('decisions respect claims', () => {
  it("refuses a non-holder's single and bulk decisions, charging nothing for them, and lets the holder's through, clearing the claim", async () => {
    const [alice, bob] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { ids } = await heldOf(3);
    const [held, free, holders] = ids as [string, string, string];
    expect((await claim(held, alice)).status).toBe(200);
    expect((await claim(holders, alice)).status).toBe(200);

    const single = await decisionRequest('reject', held, { headers: withKey(bob.key), gateway });
    expect([single.status, single.body.error.type, single.body.error.context.claimed_by]).toEqual([409, 'claimed', alice.userId]);
    const bulk = await bulkRequest({ ids: [held, free] }, { headers: withKey(bob.key), gateway });
    expect(bulk.body.data.results.map((result: { outcome: string }) => result.outcome)).toEqual(['claimed', 'rejected']);
    expect(bulk.body.data.results[0].error.context.claimed_by).toBe(alice.userId);
    expect(bulk.body.data.counts).toMatchObject({ rejected: 1, claimed: 1 });
    expect((await usageRecordsOf(bob.userId)).map((record) => record.attribution_id)).toEqual([free]);
    expect((await storedClaim(held)).status).toBe('review_required');

    const mine = await decisionRequest('reject', holders, { headers: withKey(alice.key), gateway });
    expect(mine.status).toBe(200);
    expect(await storedClaim(holders)).toEqual({ by: undefined, until: undefined, status: 'rejected' });
  });

  it('a decision racing a claim: exactly one of them wins, on each of 10 referrals', async () => {
    const [claimer, decider] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { ids } = await heldOf(10);
    const raced = await Promise.all(
      ids.map((id) => Promise.all([claim(id, claimer), decisionRequest('reject', id, { headers: withKey(decider.key), gateway })])),
    );
    for (const [index, [claimed, decided]] of raced.entries()) {
      const stored = await storedClaim(ids[index] as string);
      if (claimed.status === 200) {
        expect([decided.status, decided.body.error.type]).toEqual([409, 'claimed']);
        expect(stored).toMatchObject({ by: claimer.userId, status: 'review_required' });
      } else {
        expect([decided.status, claimed.status, claimed.body.error.type]).toEqual([200, 409, 'conflict']);
        expect(stored).toEqual({ by: undefined, until: undefined, status: 'rejected' });
      }
    }
  });

  it("takes over an expired claim, by the next claimant and by a decision, by the server's clock", async () => {
    const [alice, bob, carol] = await Promise.all([givenApiKey(), givenApiKey(), givenApiKey()]);
    const { ids } = await heldOf(2);
    for (const id of ids) expect((await claim(id, alice, { lease_seconds: 60 })).status).toBe(200);
    // Within the lease, by the server's clock 59 s on, both are refused; 61 s on, both go through.
    expect((await claim(ids[0] as string, bob, undefined, gatewayAt(59_000))).status).toBe(409);
    const later = gatewayAt(61_000);
    const takeover = await claim(ids[0] as string, bob, undefined, later);
    expect([takeover.status, takeover.body.data.claim.by]).toEqual([200, bob.userId]);
    expect((await decisionRequest('reject', ids[1] as string, { headers: withKey(carol.key), gateway: gatewayAt(59_000) })).status).toBe(
      409,
    );
    expect((await decisionRequest('reject', ids[1] as string, { headers: withKey(carol.key), gateway: later })).status).toBe(200);
  });
});

describe('POST …/referrals/claims (claim-next)', () => {
  it('20 concurrent calls of count 5 over 60 free held referrals hand out all 60, none twice, each stored for its holder', async () => {
    const reviewers = await times(20, () => givenApiKey());
    const { referrer, ids } = await heldOf(60);
    const answers = await Promise.all(
      reviewers.map((reviewer) => claimNext(reviewer, { count: 5, referrer_user_id: referrer }, burstGateway)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    const handed = answers.flatMap((answer, index) =>
      (answer.body.data.items as Attribution[]).map((item) => ({
        id: item.id,
        by: (reviewers[index] as TestKey).userId,
        claim: item.claim,
      })),
    );
    expect(new Set(handed.map((item) => item.id)).size).toBe(handed.length);
    expect(handed.map((item) => item.id).sort()).toEqual([...ids].sort());
    for (const item of handed) {
      expect(item.claim?.by).toBe(item.by);
      expect((await storedClaim(item.id)).by).toBe(item.by);
    }
  });

  it('claims the oldest free ones in queue order, past those others hold, and fewer when fewer are free', async () => {
    const [alice, bob] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { referrer, ids } = await heldOf(6);
    for (const id of ids.slice(0, 2)) expect((await claim(id, bob)).status).toBe(200);
    const first = await claimNext(alice, { count: 3, referrer_user_id: referrer, lease_seconds: 120 });
    expect(first.body.data.items.map((item: Attribution) => item.id)).toEqual(ids.slice(2, 5));
    const rest = await claimNext(alice, { count: 3, referrer_user_id: referrer });
    expect(rest.body.data.items.map((item: Attribution) => item.id)).toEqual(ids.slice(5));
    const none = await claimNext(alice, { count: 3, referrer_user_id: referrer });
    expect([none.status, none.body.data.items]).toEqual([200, []]);
    // One credit a request, whatever it handed out.
    expect((await usageRecordsOf(alice.userId)).length).toBe(3);
  });
});

describe('the queue shows claims', () => {
  it("carries each listed referral's claim, and filters by claimed=mine|others|none", async () => {
    const [alice, bob] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { referrer, ids } = await heldOf(3);
    const [aliceHolds, bobHolds, free] = ids as [string, string, string];
    await claim(aliceHolds, alice);
    await claim(bobHolds, bob);
    const listed = async (query: string) =>
      (
        await getRequest(`${pathTo(listReferralsRoute)}?referrer_user_id=${referrer}${query}`, { headers: withKey(alice.key), gateway })
      ).body.data.attributions.map((item: Attribution) => [item.id, item.claim?.by ?? null]);
    expect(await listed('')).toEqual([
      [aliceHolds, alice.userId],
      [bobHolds, bob.userId],
      [free, null],
    ]);
    expect(await listed('&claimed=mine')).toEqual([[aliceHolds, alice.userId]]);
    expect(await listed('&claimed=others')).toEqual([[bobHolds, bob.userId]]);
    expect(await listed('&claimed=none')).toEqual([[free, null]]);
  });
});

describe('a claim whose answer is lost', () => {
  const functionDb = instrumentedClient();
  const faulty = checkedGateway({
    authorizer: createAuthorizerHandler(createAuthorizerDeps()),
    functions: {
      claimReferral: createClaimHandler(createClaimDeps(env, functionDb.client)),
      claimNextReferrals: createClaimNextHandler(createClaimNextDeps(env, functionDb.client)),
    },
  });

  it('is resent under its token: the caller gets its 200 and holds the claim, charged once', async () => {
    const alice = await givenApiKey();
    const { ids } = await heldOf(1);
    functionDb.reset();
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'after', times: 4 });
    const answer = await claim(ids[0] as string, alice, undefined, faulty);
    expect(answer.status).toBe(200);
    expect(functionDb.injectedAttempts()).toBe(4);
    expect((await storedClaim(ids[0] as string)).by).toBe(alice.userId);
    expect(await usageRecordsOf(alice.userId)).toHaveLength(1);
  });

  it('past every resend: a retryable 500 that says the outcome is unknown; the retry learns the caller holds it', async () => {
    const [alice, bob] = await Promise.all([givenApiKey(), givenApiKey()]);
    const { ids } = await heldOf(1);
    functionDb.reset();
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'after', times: Infinity });
    const lost = await claim(ids[0] as string, alice, undefined, faulty);
    expect([lost.status, lost.body.error]).toEqual([
      500,
      { type: 'dependency_unavailable', retryable: true, context: { write_outcome: 'unknown' } },
    ]);
    functionDb.reset();
    // It was applied: nobody else can take it, and the caller's retry renews it.
    expect((await claim(ids[0] as string, bob)).body.error.context.claimed_by).toBe(alice.userId);
    const retry = await claim(ids[0] as string, alice, undefined, faulty);
    expect([retry.status, retry.body.data.claim.by]).toEqual([200, alice.userId]);
  });

  it('claim-next past every resend: a retryable error, nothing charged and nothing held, the claims given back', async () => {
    const alice = await givenApiKey();
    const { referrer, ids } = await heldOf(2);
    functionDb.reset();
    functionDb.inject({
      command: 'UpdateItemCommand',
      when: 'after',
      times: Infinity,
      matches: (input) => JSON.stringify(input).includes(':untilMs'),
    });
    const lost = await claimNext(alice, { count: 2, referrer_user_id: referrer }, faulty);
    functionDb.reset();
    expect([lost.status, lost.body.error.type, lost.body.error.retryable]).toEqual([500, 'dependency_unavailable', true]);
    for (const id of ids) expect((await storedClaim(id)).by).toBeUndefined();
    expect(await usageRecordsOf(alice.userId)).toEqual([]);
  });

  it("claim-next's claims are resent too: each referral is handed out once, to the caller that holds it", async () => {
    const alice = await givenApiKey();
    const { referrer, ids } = await heldOf(3);
    functionDb.reset();
    functionDb.inject({
      command: 'UpdateItemCommand',
      when: 'after',
      times: 3,
      matches: (input) => JSON.stringify(input).includes('claimed_by'),
    });
    const answer = await claimNext(alice, { count: 3, referrer_user_id: referrer }, faulty);
    expect(answer.body.data.items.map((item: Attribution) => item.id)).toEqual(ids);
    expect(functionDb.injectedAttempts()).toBe(3);
    for (const id of ids) expect((await storedClaim(id)).by).toBe(alice.userId);
  });
});
