import { describe, expect, it } from 'vitest';
import { plans } from '../../../functions/billing/plans.js';
import { isOverageItem, planReservation } from '../../../functions/billing/reservation.js';
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
    expect(isOverageItem(planned, 9, 1)).toBe(false);
  });

  it('reserves past the included credits without a month ceiling where the plan bills overage, flagging the items past them', () => {
    const planned = plan('pro', false, plans.pro.includedCreditsPerMonth - 3, 10);
    expect(planned.reservation.month.ceiling).toBeNull();
    expect(planned.includedCredits).toBe(3);
    expect([0, 2, 3, 9].map((position) => isOverageItem(planned, position, 1))).toEqual([false, false, true, true]);
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
