import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/auth/principal.js';
import { chargeAlone, monthlyCharge, planCharge } from '../../../functions/billing/charge.js';
import { allowsOverage, plans } from '../../../functions/billing/plans.js';
import { buildUsageRecord } from '../../../functions/billing/usage-record.js';
import { counterExpiry, dayWindow, minuteWindow, monthWindow } from '../../../functions/billing/windows.js';
import { rateLimitHeaders } from '../../../functions/middlewares/rate-limit-headers.js';
import { ApiError, WriteOutcomeUnknown } from '../../../functions/shared/api-error.js';
import { ampleBudget, FakeMeterStore } from '../../support/fakes.js';

const now = new Date('2026-12-31T23:59:30.500Z');

describe('metering windows', () => {
  it('cuts UTC minutes, days and months, each with the moment it resets', () => {
    expect(minuteWindow(now)).toEqual({ id: '2026-12-31T23:59', resetAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(dayWindow(now)).toEqual({ id: '2026-12-31', resetAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(monthWindow(now)).toEqual({ id: '2026-12', resetAt: new Date('2027-01-01T00:00:00.000Z') });
  });
});

describe('the monthly charge', () => {
  it('keeps credits within the included amount under that amount', () => {
    expect(monthlyCharge(plans.free, false, 1_999, now)).toEqual({ overage: false, includedLimit: 2_000 });
  });

  it('refuses Free past its included credits, with the month reset', () => {
    expect(() => monthlyCharge(plans.free, true, 2_000, now)).toThrowError(
      expect.objectContaining({ type: 'credits_exhausted', context: expect.objectContaining({ retry_after: 30 }) }),
    );
  });

  it('bills Starter and Growth overage only when enabled, Pro and above always', () => {
    expect(() => monthlyCharge(plans.starter, false, 20_000, now)).toThrowError(expect.objectContaining({ type: 'credits_exhausted' }));
    expect(monthlyCharge(plans.starter, true, 20_000, now)).toEqual({ overage: true, includedLimit: null });
    expect(monthlyCharge(plans.growth, true, 100_000, now).overage).toBe(true);
    for (const plan of [plans.pro, plans.business, plans.enterprise]) expect(allowsOverage(plan, false)).toBe(true);
  });
});

describe('plans', () => {
  it('match the published billing table', () => {
    expect(
      Object.values(plans).map((plan) => [
        plan.name,
        plan.priceUsdPerMonth,
        plan.includedCreditsPerMonth,
        plan.dailyCap,
        plan.ratePerMinute,
      ]),
    ).toEqual([
      ['free', 0, 2_000, 500, 5],
      ['starter', 9, 20_000, 5_000, 15],
      ['growth', 29, 100_000, 25_000, 45],
      ['pro', 79, 400_000, null, 120],
      ['business', 199, 1_200_000, null, 300],
      ['enterprise', 499, 5_000_000, null, 1_000],
    ]);
  });
});

describe('rate-limit headers', () => {
  it('state the policy, what remains and when the window resets', () => {
    expect(rateLimitHeaders({ limit: 120, used: 3, resetAt: new Date('2027-01-01T00:00:00.000Z') }, now)).toEqual({
      'ratelimit-policy': '"per-minute";q=120;w=60',
      ratelimit: '"per-minute";r=117;t=30',
      'x-ratelimit-limit': '120',
      'x-ratelimit-remaining': '117',
      'x-ratelimit-reset': '1798761600',
    });
  });
});

describe('the usage record', () => {
  it('charges one credit and names the caller, the plan, the endpoint and the outcome', () => {
    expect(
      buildUsageRecord({
        requestId: 'req-1',
        principal: { userId: 'u1', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: false },
        endpoint: 'POST /x',
        statusCode: 200,
        credits: 1,
        overage: true,
        now,
      }),
    ).toEqual({
      request_id: 'req-1',
      credits: 1,
      user_id: 'u1',
      subject_id: 'key_1',
      auth_method: 'api_key',
      plan: 'pro',
      endpoint: 'POST /x',
      status_code: 200,
      overage: true,
      created_at: '2026-12-31T23:59:30.500Z',
    });
  });
});

describe('counter expiry', () => {
  it('keeps each counter past its window by a margin, in Unix seconds', () => {
    expect(counterExpiry(minuteWindow(now), 60)).toBe(Date.parse('2027-01-01T00:01:00.000Z') / 1000);
    const charge = planCharge(
      {
        principal: { userId: 'u', subjectId: 's', plan: 'growth', authMethod: 'jwt', overageEnabled: false },
        plan: plans.growth,
        requestId: 'r',
        endpoint: 'e',
        statusCode: 200,
        credits: 2,
        now,
      },
      { overage: false, includedLimit: 100_000 },
    );
    expect(charge.day).toEqual({
      window: '2026-12-31',
      credits: 2,
      ceiling: 25_000,
      expiresAt: Date.parse('2027-01-03T00:00:00.000Z') / 1000,
    });
    expect(charge.month).toEqual({
      window: '2026-12',
      credits: 2,
      ceiling: 100_000,
      expiresAt: Date.parse('2027-02-05T00:00:00.000Z') / 1000,
    });
    expect(charge.usage).toMatchObject({ credits: 2, overage: false });
  });
});

describe('charging a success on its own', () => {
  const principal: Principal = { userId: 'u1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: false };
  const input = { principal, plan: plans.growth, requestId: 'r-1', endpoint: 'GET /x', statusCode: 200, credits: 1, now };

  it('says whether the charge was made, or left unknown by a lost answer', async () => {
    const meter = new FakeMeterStore();
    expect(await chargeAlone(meter, input, 0, ampleBudget())).toBe('charged');
    meter.failingCharges.push(new WriteOutcomeUnknown(new Error('lost')));
    expect(await chargeAlone(meter, input, 0, ampleBudget())).toBe('unknown');
    meter.failingCharges.push(new ApiError('dependency_unavailable'));
    await expect(chargeAlone(meter, input, 0, ampleBudget())).rejects.toMatchObject({ type: 'dependency_unavailable' });
    expect(meter.usage).toHaveLength(1);
  });
});
