import { describe, expect, it } from 'vitest';
import { plans } from '../../../functions/billing/plans.js';

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
