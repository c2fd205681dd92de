import { describe, expect, it } from 'vitest';
import { plans } from '../../functions/billing/plans.js';
import { apiWithPlans, rejectRequest, withKey } from '../support/api.js';
import { accountItems, givenApiKey, givenAttribution, storedAttribution, usageRecordsOf } from '../support/table-records.js';
import { times } from '../support/times.js';

/** A fixed time on a future UTC day: DynamoDB Local deletes counters whose TTL is already past. */
const testDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const nextDay = new Date(Date.parse(testDay) + 86_400_000).toISOString().slice(0, 10);
const nextMonth = (() => {
  const date = new Date(Date.parse(testDay));
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString();
})();
const at = (time: string) => `${testDay}T${time}.000Z`;
const fixedClock = (iso: string) => () => new Date(iso);
describe('plans, rate limits, daily caps and credits', () => {
  it('answers the (N+1)th request in a minute with 429 rate_limited and the limit headers', async () => {
    const gateway = apiWithPlans({ pro: { ...plans.pro, ratePerMinute: 3 } }, fixedClock(at('10:00:15')));
    const admin = await givenApiKey({ plan: 'pro' });
    const attributions = await times(4, () => givenAttribution());

    const responses: Awaited<ReturnType<typeof rejectRequest>>[] = [];
    for (const attribution of attributions) responses.push(await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway }));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 429]);
    expect(responses.map((response) => response.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    const limited = responses[3]!;
    expect(limited.body).toMatchObject({
      code: 429,
      error: {
        type: 'rate_limited',
        retryable: true,
        context: { limit: 'requests_per_minute', value: 3, resets_at: at('10:01:00'), retry_after: 45 },
      },
    });
    expect(limited.headers).toMatchObject({
      'retry-after': '45',
      'ratelimit-policy': '"per-minute";q=3;w=60',
      ratelimit: '"per-minute";r=0;t=45',
      'x-ratelimit-limit': '3',
      'x-ratelimit-reset': String(Date.parse(at('10:01:00')) / 1000),
    });
    expect((await storedAttribution(attributions[3]!.id))?.status).toBe('review_required');
    expect(await usageRecordsOf(admin.userId)).toHaveLength(3);
  });

  it('admits exactly 10 of 50 concurrent requests against a limit of 10', async () => {
    const gateway = apiWithPlans({ pro: { ...plans.pro, ratePerMinute: 10 } }, fixedClock(at('11:00:00')));
    const admin = await givenApiKey({ plan: 'pro' });
    const attributions = await times(50, () => givenAttribution());

    const responses = await Promise.all(
      attributions.map((attribution) => rejectRequest(attribution.id, { headers: withKey(admin.key), gateway })),
    );

    const admitted = responses.filter((response) => response.status !== 429);
    expect(admitted).toHaveLength(10);
    expect(admitted.every((response) => response.status === 200)).toBe(true);
    expect(responses.filter((response) => response.body.error?.type === 'rate_limited')).toHaveLength(40);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(10);
  });

  it('holds a daily cap of 3 under 10 concurrent valid rejects', async () => {
    const gateway = apiWithPlans({ growth: { ...plans.growth, dailyCap: 3 } }, fixedClock(at('12:00:00')));
    const admin = await givenApiKey({ plan: 'growth' });
    const attributions = await times(10, () => givenAttribution());

    const responses = await Promise.all(
      attributions.map((attribution) => rejectRequest(attribution.id, { headers: withKey(admin.key), gateway })),
    );

    const ok = responses.filter((response) => response.status === 200);
    const capped = responses.filter((response) => response.status === 429);
    expect(ok).toHaveLength(3);
    expect(capped).toHaveLength(7);
    for (const response of capped) {
      expect(response.body.error).toMatchObject({
        type: 'daily_cap_reached',
        context: { limit: 'daily_credits', value: 3, resets_at: `${nextDay}T00:00:00.000Z` },
      });
      expect(response.headers['retry-after']).toBe(String(12 * 3600));
    }
    const statuses = await Promise.all(attributions.map(async (attribution) => (await storedAttribution(attribution.id))?.status));
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(3);
    expect(statuses.filter((status) => status === 'review_required')).toHaveLength(7);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(3);
    const dayCounter = (await accountItems(admin.userId)).find((item) => item.sk === `day#${testDay}`);
    expect(dayCounter).toMatchObject({ credits: 3 });
  });

  it('refuses the first request of a day when the cap is 0: a counter not written yet is no way past the ceiling', async () => {
    const gateway = apiWithPlans({ growth: { ...plans.growth, dailyCap: 0 } }, fixedClock(at('12:30:00')));
    const admin = await givenApiKey({ plan: 'growth' });
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });
    expect(response.status).toBe(429);
    expect(response.body.error.type).toBe('daily_cap_reached');
    expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('refuses a Free account past its included credits with 429 credits_exhausted', async () => {
    const gateway = apiWithPlans({ free: { ...plans.free, includedCreditsPerMonth: 2 } }, fixedClock(at('13:00:00')));
    const admin = await givenApiKey({ plan: 'free' });
    const attributions = await times(3, () => givenAttribution());

    const statuses: Awaited<ReturnType<typeof rejectRequest>>[] = [];
    for (const attribution of attributions) statuses.push(await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway }));

    expect(statuses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(statuses[2]!.body.error).toMatchObject({
      type: 'credits_exhausted',
      context: { limit: 'included_credits_per_month', value: 2, resets_at: nextMonth },
    });
    expect((await storedAttribution(attributions[2]!.id))?.status).toBe('review_required');
  });

  it.each([
    [false, [200, 200, 429]],
    [true, [200, 200, 200]],
  ])('past its included credits, a Starter account with overage %s gets %j and overage is marked', async (overage, expected) => {
    const gateway = apiWithPlans({ starter: { ...plans.starter, includedCreditsPerMonth: 2 } }, fixedClock(at('14:00:00')));
    const admin = await givenApiKey({ plan: 'starter', overage });
    const attributions = await times(3, () => givenAttribution());

    const responses: Awaited<ReturnType<typeof rejectRequest>>[] = [];
    for (const attribution of attributions) responses.push(await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway }));

    expect(responses.map((response) => response.status)).toEqual(expected);
    const usage = await usageRecordsOf(admin.userId);
    const overageOf = (response: (typeof responses)[number]) =>
      usage.find((record) => record.request_id === response.body.request_id)?.overage;
    expect(responses.slice(0, 2).map(overageOf)).toEqual([false, false]);
    if (overage) expect(overageOf(responses[2]!)).toBe(true);
    else expect(usage).toHaveLength(2);
  });

  it('charges Pro accounts past their included credits as overage', async () => {
    const gateway = apiWithPlans({ pro: { ...plans.pro, includedCreditsPerMonth: 1 } }, fixedClock(at('15:00:00')));
    const admin = await givenApiKey({ plan: 'pro' });
    const attributions = await times(4, () => givenAttribution());

    const responses = await Promise.all(
      attributions.map((attribution) => rejectRequest(attribution.id, { headers: withKey(admin.key), gateway })),
    );

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const usage = await usageRecordsOf(admin.userId);
    expect(usage.filter((record) => record.overage === false)).toHaveLength(1);
    expect(usage.filter((record) => record.overage === true)).toHaveLength(3);
  });

  it('never charges a 4xx, and puts the limit headers on every response past the authorizer', async () => {
    const admin = await givenApiKey({ plan: 'business' });
    const rejected = await givenAttribution({ status: 'rejected' });
    const held = await givenAttribution();

    const responses = [
      await rejectRequest('missing-attribution', { headers: withKey(admin.key) }),
      await rejectRequest(rejected.id, { headers: withKey(admin.key) }),
      await rejectRequest(held.id, { headers: withKey(admin.key), rawBody: '{"nope":1}' }),
      await rejectRequest(held.id, { headers: withKey(admin.key) }),
    ];

    expect(responses.map((response) => response.status)).toEqual([404, 409, 400, 200]);
    for (const response of responses) expect(response.headers['x-ratelimit-limit']).toBe('300');
    expect(responses.map((response) => response.headers['x-ratelimit-remaining'])).toEqual(['299', '298', '297', '296']);
    const usage = await usageRecordsOf(admin.userId);
    expect(usage.map((record) => record.request_id)).toEqual([responses[3]!.body.request_id]);
  });

  it('lets metering counters expire by TTL', async () => {
    const admin = await givenApiKey({ plan: 'pro' });
    const attribution = await givenAttribution();
    await rejectRequest(attribution.id, { headers: withKey(admin.key) });
    const counters = (await accountItems(admin.userId)).filter((item) => !String(item.sk).startsWith('usage#'));
    expect(counters.map((item) => String(item.sk).split('#')[0]).sort()).toEqual(['day', 'month', 'rate']);
    for (const counter of counters) expect(counter.expires_at).toBeGreaterThan(Date.now() / 1000);
  });
});
