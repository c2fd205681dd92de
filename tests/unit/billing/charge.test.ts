import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/auth/principal.js';
import { chargeAfterSuccess, monthlyCharge } from '../../../functions/billing/charge.js';
import { allowsOverage, plans } from '../../../functions/billing/plans.js';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../../../functions/shared/dependency-errors.js';
import { ampleBudget, FakeMeterStore } from '../../support/fakes.js';

const now = new Date('2026-12-31T23:59:30.500Z');

describe('the monthly charge', () => {
  it('keeps credits within the included amount under that amount', () => {
    expect(monthlyCharge(plans.free, false, 1_999, now)).toEqual({ overage: false, includedLimit: 2_000 });
  });

  it('refuses Free past its included credits, with the month reset', () => {
    expect(() => monthlyCharge(plans.free, true, 2_000, now)).toThrowError(
      expect.objectContaining({ kind: 'credits_exhausted', context: expect.objectContaining({ retry_after: 30 }) }),
    );
  });

  it('bills Starter and Growth overage only when enabled, Pro and above always', () => {
    expect(() => monthlyCharge(plans.starter, false, 20_000, now)).toThrowError(expect.objectContaining({ kind: 'credits_exhausted' }));
    expect(monthlyCharge(plans.starter, true, 20_000, now)).toEqual({ overage: true, includedLimit: null });
    expect(monthlyCharge(plans.growth, true, 100_000, now).overage).toBe(true);
    for (const plan of [plans.pro, plans.business, plans.enterprise]) expect(allowsOverage(plan, false)).toBe(true);
  });
});

describe('charging a success on its own', () => {
  const principal: Principal = { userId: 'u1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: false };
  const input = { principal, plan: plans.growth, requestId: 'r-1', price: { endpoint: 'GET /x', statusCode: 200, credits: 1 }, now };

  it('says whether the charge was made, or left unknown by a lost answer', async () => {
    const meter = new FakeMeterStore();
    expect(await chargeAfterSuccess(meter, input, 0, ampleBudget())).toBe('charged');
    meter.failingCharges.push(new WriteOutcomeUnknown(new Error('lost')));
    expect(await chargeAfterSuccess(meter, input, 0, ampleBudget())).toBe('unknown');
    const failed = new DependencyUnavailable(new Error('throttled'));
    meter.failingCharges.push(failed);
    await expect(chargeAfterSuccess(meter, input, 0, ampleBudget())).rejects.toBe(failed);
    expect(meter.usage).toHaveLength(1);
  });
});
