import { describe, expect, it } from 'vitest';
import { plans } from '../../../functions/billing/plans.js';
import { includedReferrals, planReservation } from '../../../functions/billing/reservation.js';
import { aPrincipal } from '../../support/builders.js';

const now = new Date('2026-11-30T12:00:00.000Z');
const plan = (name: 'free' | 'starter' | 'pro', overageEnabled = false, usedThisMonth = 0, credits = 10) =>
  planReservation({ principal: aPrincipal({ plan: name, overageEnabled }), plans, usedThisMonth, credits, now, requestId: 'req-1' });

describe("a bulk request's reservation", () => {
  it('reserves within the included credits under the month ceiling, every item included', () => {
    const planned = plan('free', false, 1_000, 10);
    expect(planned.reservation).toMatchObject({
      userId: 'admin-user',
      requestId: 'req-1',
      day: { window: '2026-11-30', credits: 10, ceiling: plans.free.dailyCap },
      month: { window: '2026-11', credits: 10, ceiling: plans.free.includedCreditsPerMonth },
    });
    expect(planned.includedCredits).toBe(10);
    expect(includedReferrals(planned, 1)).toBe(10);
  });

  it('holds the included credits it plans free past the included amount, where the plan bills overage', () => {
    const planned = plan('pro', false, plans.pro.includedCreditsPerMonth - 3, 10);
    // 3 included and 7 overage: the counter may pass the included amount by the 7 only, so 3 were still free.
    expect(planned.reservation.month).toMatchObject({ credits: 10, ceiling: plans.pro.includedCreditsPerMonth + 7 });
    expect(planned.includedCredits).toBe(3);
    expect(includedReferrals(planned, 1)).toBe(3);
    // Far from the included amount, every credit is included, and the counter stays under it.
    expect(plan('pro', false, 0, 10).reservation.month.ceiling).toBe(plans.pro.includedCreditsPerMonth);
  });

  it('reserves without a month ceiling when it plans no credit as included', () => {
    const planned = plan('pro', false, plans.pro.includedCreditsPerMonth + 5, 10);
    expect(planned.reservation.month.ceiling).toBeNull();
    expect([planned.includedCredits, includedReferrals(planned, 1)]).toEqual([0, 0]);
  });

  it('covers a referral whose first credit is included, at a price above one credit', () => {
    const planned = plan('pro', false, plans.pro.includedCreditsPerMonth - 3, 10);
    expect(includedReferrals(planned, 2)).toBe(2);
  });

  it('refuses what the included credits cannot cover without overage, and more than a whole day allows', () => {
    expect(() => plan('starter', false, plans.starter.includedCreditsPerMonth - 3, 10)).toThrowError(
      expect.objectContaining({ kind: 'credits_exhausted' }),
    );
    expect(plan('starter', true, plans.starter.includedCreditsPerMonth - 3, 10).includedCredits).toBe(3);
    expect(() => plan('free', false, 0, (plans.free.dailyCap as number) + 1)).toThrowError(
      expect.objectContaining({ kind: 'daily_cap_reached' }),
    );
  });
});
