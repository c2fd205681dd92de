// Approve, the other decision on a held referral: the reject's machinery with `qualified` as its target, single and bulk.
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SENDS } from '../../functions/adapters/transact.js';
import { endpointOf, pathTo } from '../../functions/http/route.js';
import { approveReferralRoute } from '../../functions/http/routes/approve-referral.js';
import { bulkApproveRoute } from '../../functions/http/routes/bulk-approve.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { apiOnClients, approveRequest, bulkRequest, getRequest, rejectRequest, withKey } from '../support/api.js';
import { instrumentedClient, writes } from '../support/instrumented-client.js';
import {
  activityOf,
  billingOf,
  givenApiKey,
  givenAttribution,
  givenReward,
  heldReferrals,
  statusesOf,
  storedAttribution,
  storedRewards,
  uniqueId,
} from '../support/table-records.js';

/** The counters hold exactly what the usage records bill. */
const expectCountersExact = async (userId: string) => {
  const billing = await billingOf(userId);
  expect([billing.day, billing.month]).toEqual([billing.charged, billing.charged]);
  return billing;
};

describe('POST /api/v1/admin/referrals/{id}/approve', () => {
  it('moves a held referral to qualified, keeps the fraud checks reason and flags, grants nothing, audits and charges one credit', async () => {
    const admin = await givenApiKey({ plan: 'pro' });
    const attribution = await givenAttribution({
      risk_flags: ['same_stripe_customer', 'velocity'],
      referrer_user_id: uniqueId('referrer'),
    });
    const reward = await givenReward(attribution.id);
    const queued = async () => {
      const query = `?status=review_required&referrer_user_id=${attribution.referrer_user_id}`;
      const page = await getRequest(`${pathTo(listReferralsRoute)}${query}`, { headers: withKey(admin.key) });
      return page.body.data.attributions.map((item: { id: string }) => item.id);
    };
    expect(await queued()).toEqual([attribution.id]);

    const response = await approveRequest(attribution.id, {
      headers: withKey(admin.key),
      body: { reason: ' verified with the customer ' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      code: 200,
      msg: 'ok',
      data: {
        attribution: {
          ...attribution,
          status: 'qualified',
          reviewed_by: admin.userId,
          review_reason: 'same_stripe_customer',
          risk_flags: ['same_stripe_customer', 'velocity'],
        },
        rewards: [reward],
      },
    });
    const stored = await storedAttribution(attribution.id);
    expect(stored).toMatchObject({
      status: 'qualified',
      reviewed_by: admin.userId,
      reviewed_at: response.body.data.attribution.reviewed_at,
    });
    // It leaves the queue index at once, in the same write.
    expect(stored).not.toHaveProperty('queue_key');
    expect(await storedRewards(attribution.id)).toEqual([expect.objectContaining(reward)]);
    expect(await activityOf(attribution.id)).toEqual([
      expect.objectContaining({
        action: 'approve',
        previous_status: 'review_required',
        previous_review_reason: 'same_stripe_customer',
        reason: 'verified with the customer',
        actor: admin.userId,
        request_id: response.body.request_id,
        attribution: response.body.data.attribution,
      }),
    ]);
    const billing = await expectCountersExact(admin.userId);
    // The list read above was charged too, on its own endpoint.
    expect(billing.usage.filter((usage) => usage.endpoint !== endpointOf(listReferralsRoute))).toEqual([
      expect.objectContaining({
        endpoint: endpointOf(approveReferralRoute),
        credits: 1,
        status_code: 200,
        request_id: response.body.request_id,
      }),
    ]);

    // The read shows the approval in the audit trail, and the queue no longer lists the referral.
    const read = await getRequest(pathTo(getReferralRoute, { id: attribution.id }), { headers: withKey(admin.key) });
    expect(read.body.data.activity).toEqual([
      expect.objectContaining({ action: 'approve', attribution: { ...response.body.data.attribution } }),
    ]);
    expect(await queued()).toEqual([]);
  });

  it('answers 409 to a reject after an approve and to an approve after a reject, naming the status, and charges only the first', async () => {
    const admin = await givenApiKey();
    const [approved, rejected] = [await givenAttribution(), await givenAttribution()];
    expect((await approveRequest(approved.id, { headers: withKey(admin.key) })).status).toBe(200);
    expect((await rejectRequest(rejected.id, { headers: withKey(admin.key) })).status).toBe(200);

    const [reject, approve] = [
      await rejectRequest(approved.id, { headers: withKey(admin.key) }),
      await approveRequest(rejected.id, { headers: withKey(admin.key) }),
    ];

    expect([reject.status, approve.status]).toEqual([409, 409]);
    expect(reject.body.error).toMatchObject({ type: 'conflict', context: { status: 'qualified' } });
    expect(approve.body.error).toMatchObject({ type: 'conflict', context: { status: 'rejected' } });
    expect(await statusesOf([approved.id, rejected.id])).toEqual(['qualified', 'rejected']);
    expect((await expectCountersExact(admin.userId)).usage).toHaveLength(2);
  });

  it('answers 404 for an unknown id and 400 for a malformed id, body or reason, changing and charging nothing', async () => {
    const admin = await givenApiKey();
    const canary = await givenAttribution();
    const headers = withKey(admin.key);
    expect((await approveRequest('no-such-referral', { headers })).status).toBe(404);
    for (const response of [
      await approveRequest('a'.repeat(129), { headers }),
      await approveRequest(canary.id, { headers, rawBody: '["a"]' }),
      await approveRequest(canary.id, { headers, body: { reason: '   ' } }),
      await approveRequest(canary.id, { headers, body: { reason: 'x', status: 'qualified' } }),
    ]) {
      expect(response.status).toBe(400);
      expect(response.body.error.type).toBe('invalid_request');
    }
    expect((await storedAttribution(canary.id))?.status).toBe('review_required');
    expect((await billingOf(admin.userId)).usage).toEqual([]);
  });

  it('replays a keyed approve, and refuses the key with 422 when it comes back as a reject', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('key') };
    const first = await approveRequest(attribution.id, { headers });
    const replay = await approveRequest(attribution.id, { headers });
    const reused = await rejectRequest(attribution.id, { headers });
    expect([first.status, replay.status, reused.status]).toEqual([200, 200, 422]);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // The replay is its own request: its header names it, its body the first one.
    expect(replay.headers['x-request-id']).not.toBe(first.body.request_id);
    expect(reused.body.error.type).toBe('idempotency_key_reused');
    expect((await expectCountersExact(admin.userId)).usage).toHaveLength(1);
  });

  it('a concurrent approve and reject of the same referral: exactly one wins and is charged, the other answers 409', async () => {
    const admin = await givenApiKey({ plan: 'enterprise' });
    const ids = await heldReferrals(10);
    const answers = await Promise.all(
      ids.map(async (id) => {
        const [approve, reject] = await Promise.all([
          approveRequest(id, { headers: withKey(admin.key) }),
          rejectRequest(id, { headers: withKey(admin.key) }),
        ]);
        return { id, approve, reject };
      }),
    );
    for (const { id, approve, reject } of answers) {
      const statuses = [approve.status, reject.status].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = approve.status === 200 ? 'qualified' : 'rejected';
      expect((approve.status === 409 ? approve : reject).body.error.context.status).toBe(winner);
      expect((await storedAttribution(id))?.status).toBe(winner);
      expect(await activityOf(id)).toHaveLength(1);
    }
    expect((await expectCountersExact(admin.userId)).usage).toHaveLength(10);
  });
});

describe('POST /api/v1/admin/referrals/approve', () => {
  it('approves each held referral on its own: approved, not_found and conflict, counts by outcome, 1 credit per approval', async () => {
    const admin = await givenApiKey();
    const [first, second] = await heldReferrals(2);
    const rewarded = await givenAttribution({ status: 'rewarded' });

    const response = await bulkRequest(
      { ids: [first, 'no-such-referral', rewarded.id, second], reason: 'verified' },
      { action: 'approve', headers: withKey(admin.key) },
    );

    expect(response.status).toBe(200);
    expect(response.body.data.results.map((result: { outcome: string }) => result.outcome)).toEqual([
      'approved',
      'not_found',
      'conflict',
      'approved',
    ]);
    expect(response.body.data.counts).toEqual({ approved: 2, not_found: 1, conflict: 1, claimed: 0, failed: 0, unknown: 0 });
    // No totals of the reject's older answer: an approve has counts only.
    expect(Object.keys(response.body.data).sort()).toEqual(['counts', 'results']);
    expect(response.body.data.results[0].attribution).toMatchObject({ id: first, status: 'qualified', reviewed_by: admin.userId });
    expect(await statusesOf([first as string, second as string, rewarded.id])).toEqual(['qualified', 'qualified', 'rewarded']);
    for (const id of [first, second])
      expect(await activityOf(id as string)).toEqual([expect.objectContaining({ action: 'approve', reason: 'verified' })]);
    const billing = await expectCountersExact(admin.userId);
    expect(billing.usage.map((usage) => usage.endpoint)).toEqual([endpointOf(bulkApproveRoute), endpointOf(bulkApproveRoute)]);
    expect(billing.open).toEqual([]);
  });

  it('racing a bulk reject over the same referrals: each decided and charged exactly once, by one or the other', async () => {
    const admin = await givenApiKey({ plan: 'enterprise' });
    const ids = await heldReferrals(20);
    const [approve, reject] = await Promise.all([
      bulkRequest({ ids }, { action: 'approve', headers: withKey(admin.key) }),
      bulkRequest({ ids: [...ids].reverse() }, { action: 'reject', headers: withKey(admin.key) }),
    ]);
    expect([approve.status, reject.status]).toEqual([200, 200]);
    expect(approve.body.data.counts.approved + reject.body.data.counts.rejected).toBe(20);
    const statuses = await statusesOf(ids);
    expect(statuses.filter((status) => status === 'qualified')).toHaveLength(approve.body.data.counts.approved);
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(reject.body.data.counts.rejected);
    const billing = await expectCountersExact(admin.userId);
    expect(billing.usage).toHaveLength(20);
    expect(billing.open).toEqual([]);
  });
});

describe('approvals whose answers are lost', () => {
  const authorizerDb = instrumentedClient();
  const functionDb = instrumentedClient({ maxAttempts: 3 });
  const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
  const loseAnswers = (lost: number, matches?: (input: Record<string, unknown>) => boolean) =>
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'after', times: lost, ...(matches ? { matches } : {}) });

  beforeEach(() => {
    authorizerDb.reset();
    functionDb.reset();
  });

  // 1: the SDK's own retry resends the same request; 4: past the SDK's 3 attempts, the adapter resends with the same token.
  it.each([1, 4])('a single approve whose answer is lost %i times answers 200, audited and charged once', async (lost) => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    loseAnswers(lost);
    const response = await approveRequest(attribution.id, { headers: withKey(admin.key), gateway });
    expect(response.status).toBe(200);
    expect(functionDb.injectedAttempts()).toBe(lost);
    expect((await storedAttribution(attribution.id))?.status).toBe('qualified');
    expect(await activityOf(attribution.id)).toHaveLength(1);
    expect((await expectCountersExact(admin.userId)).usage).toHaveLength(1);
  });

  it('a keyed approve lost past every resend answers a retryable 500, and its retry replays the 200 it committed', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = { ...withKey(admin.key), 'idempotency-key': uniqueId('key') };
    loseAnswers(Infinity);
    const response = await approveRequest(attribution.id, { headers, gateway });
    expect(response.status).toBe(500);
    expect(response.body.error).toEqual({ type: 'dependency_unavailable', retryable: true, context: { write_outcome: 'unknown' } });
    functionDb.reset();
    const retry = await approveRequest(attribution.id, { headers, gateway });
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 'true']);
    expect(retry.body.data.attribution.status).toBe('qualified');
    expect((await expectCountersExact(admin.userId)).usage.map((usage) => usage.request_id)).toEqual([retry.body.request_id]);
  });

  it('a bulk referral lost past every resend is reported unknown, its credit kept; the counters exact', async () => {
    const admin = await givenApiKey();
    const ids = await heldReferrals(3);
    const lostOne = ids[2] as string;
    loseAnswers(Infinity, writes.itemOf(lostOne));
    const response = await bulkRequest({ ids }, { action: 'approve', headers: withKey(admin.key), gateway });
    expect(response.status).toBe(200);
    expect(response.body.data.results[2]).toEqual({
      id: lostOne,
      outcome: 'unknown',
      error: { type: 'dependency_unavailable', retryable: true },
    });
    expect(response.body.data.counts).toMatchObject({ approved: 2, unknown: 1 });
    expect(functionDb.injectedAttempts()).toBe(3 * MAX_SENDS);
    // It was applied: approved, audited and billed.
    expect((await storedAttribution(lostOne))?.status).toBe('qualified');
    expect(await activityOf(lostOne)).toHaveLength(1);
    expect((await expectCountersExact(admin.userId)).usage).toHaveLength(3);
    functionDb.reset();
    const resend = await bulkRequest({ ids: [lostOne] }, { action: 'approve', headers: withKey(admin.key), gateway });
    expect(resend.body.data.results[0]).toMatchObject({ outcome: 'conflict', error: { context: { status: 'qualified' } } });
  });
});
