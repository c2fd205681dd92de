import { describe, expect, it } from 'vitest';
import { endpointOf, pathTo } from '../../functions/http/route.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import type { AttributionStatus } from '../../functions/referrals/attribution.js';
import { api, rejectRequest, withKey } from '../support/api.js';
import {
  activityOf,
  givenApiKey,
  givenAttribution,
  givenReward,
  storedAttribution,
  storedRewards,
  usageRecordsOf,
} from '../support/table-records.js';

describe('POST /api/v1/admin/referrals/{id}/reject', () => {
  it('rejects a held referral, records the reviewer and the activity, and charges one credit', async () => {
    const admin = await givenApiKey({ plan: 'pro' });
    const attribution = await givenAttribution();
    const reward = await givenReward(attribution.id);

    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), body: { reason: '  same billing account ' } });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-request-id']).toBe(response.body.request_id);
    expect(response.body).toMatchObject({
      code: 200,
      msg: 'ok',
      data: {
        attribution: { ...attribution, status: 'rejected', reviewed_by: admin.userId, review_reason: 'same_stripe_customer' },
        rewards: [reward],
      },
    });
    const stored = await storedAttribution(attribution.id);
    expect(stored).toMatchObject({ status: 'rejected', reviewed_by: admin.userId, review_reason: 'same_stripe_customer' });
    expect(stored?.reviewed_at).toBe(response.body.data.attribution.reviewed_at);
    expect(new Date(String(stored?.reviewed_at)).toISOString()).toBe(stored?.reviewed_at);

    // Nothing is lost: the fraud checks' reason stays on the referral, and the audit trail holds both.
    expect(await activityOf(attribution.id)).toEqual([
      {
        pk: attribution.id,
        sk: `activity#${stored?.reviewed_at}#${response.body.request_id}`,
        // Its place in the activity index, which replays events by day.
        activity_day: String(stored?.reviewed_at).slice(0, 10),
        action: 'reject',
        previous_status: 'review_required',
        previous_review_reason: 'same_stripe_customer',
        reason: 'same billing account',
        actor: admin.userId,
        auth_method: 'api_key',
        subject_id: admin.keyId,
        request_id: response.body.request_id,
        at: stored?.reviewed_at,
        attribution: response.body.data.attribution,
      },
    ]);

    const usage = await usageRecordsOf(admin.userId);
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({
      request_id: response.body.request_id,
      credits: 1,
      user_id: admin.userId,
      subject_id: admin.keyId,
      auth_method: 'api_key',
      plan: 'pro',
      endpoint: endpointOf(rejectReferralRoute),
      status_code: 200,
      overage: false,
    });
  });

  it('grants nothing: the rewards stay exactly as stored', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const reward = await givenReward(attribution.id, { credits_grant_key: 'reward-grant-1' });
    const before = await storedRewards(attribution.id);

    expect((await rejectRequest(attribution.id, { headers: withKey(admin.key) })).status).toBe(200);

    expect(before).toEqual([expect.objectContaining({ id: reward.id })]);
    expect(await storedRewards(attribution.id)).toEqual(before);
    expect(before[0]).not.toHaveProperty('credits_granted_at');
  });

  it('keeps the stored review reason when no body is sent', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution({ review_reason: 'same_stripe_customer' });

    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key) });

    expect(response.status).toBe(200);
    expect(response.body.data.attribution.review_reason).toBe('same_stripe_customer');
    expect(response.body.data.rewards).toEqual([]);
    expect((await storedAttribution(attribution.id))?.review_reason).toBe('same_stripe_customer');
  });

  it('accepts an empty body and an empty JSON object', async () => {
    const admin = await givenApiKey();
    const first = await givenAttribution();
    const second = await givenAttribution();

    expect((await rejectRequest(first.id, { headers: withKey(admin.key), rawBody: '' })).status).toBe(200);
    expect((await rejectRequest(second.id, { headers: withKey(admin.key), body: {} })).status).toBe(200);
  });

  it('answers 404 for an unknown attribution and charges nothing', async () => {
    const admin = await givenApiKey();

    const response = await rejectRequest('does-not-exist-404', { headers: withKey(admin.key) });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 404, data: null, error: { type: 'not_found', retryable: false } });
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  const notReviewable: AttributionStatus[] = ['attributed', 'qualified', 'rewarded', 'expired', 'capped', 'failed', 'rejected'];
  it.each(notReviewable)('answers 409 with the current status for a %s referral and changes nothing', async (status) => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution({ status });

    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), body: { reason: 'fraud' } });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 409, error: { type: 'conflict', context: { status } } });
    expect(await storedAttribution(attribution.id)).toMatchObject({ status, review_reason: attribution.review_reason });
    expect(await activityOf(attribution.id)).toEqual([]);
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('rejects a referral exactly once under 20 concurrent requests', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();

    const responses = await Promise.all(Array.from({ length: 20 }, () => rejectRequest(attribution.id, { headers: withKey(admin.key) })));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await activityOf(attribution.id)).toHaveLength(1);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(1);
    expect((await storedAttribution(attribution.id))?.status).toBe('rejected');
  });

  it('answers unknown routes and wrong methods with a 404 envelope', async () => {
    const admin = await givenApiKey();
    // An action no route has, under a referral's path; and the reject's path with a method it does not take.
    const wrongPath = await api({ method: 'POST', path: `${pathTo(getReferralRoute, { id: 'x' })}/escalate`, headers: withKey(admin.key) });
    const wrongMethod = await api({ method: 'GET', path: pathTo(rejectReferralRoute, { id: 'x' }), headers: withKey(admin.key) });

    for (const result of [wrongPath, wrongMethod]) {
      expect(result.statusCode).toBe(404);
      expect(JSON.parse(result.body)).toMatchObject({ code: 404, error: { type: 'route_not_found' } });
    }
  });
});
