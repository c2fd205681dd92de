// The billing plans: prices, included credits, daily caps, rate limits and overage. The only place these numbers live.
import type { PlanName } from '../shared/plan-names.js';

export type OveragePolicy =
  /** Past the included credits, requests are refused. */
  | { readonly kind: 'none' }
  /** Overage is billed only for accounts that enabled it. */
  | { readonly kind: 'opt_in'; readonly usdPer1000: number }
  /** Overage is always billed. */
  | { readonly kind: 'always'; readonly usdPer1000: number };

export type Plan = {
  readonly name: PlanName;
  readonly priceUsdPerMonth: number;
  readonly includedCreditsPerMonth: number;
  /** Charged credits per UTC day; null means no cap. */
  readonly dailyCap: number | null;
  readonly ratePerMinute: number;
  readonly overage: OveragePolicy;
};

export type PlanTable = Readonly<Record<PlanName, Plan>>;

export const plans: PlanTable = Object.freeze({
  free: { name: 'free', priceUsdPerMonth: 0, includedCreditsPerMonth: 2_000, dailyCap: 500, ratePerMinute: 5, overage: { kind: 'none' } },
  starter: {
    name: 'starter',
    priceUsdPerMonth: 9,
    includedCreditsPerMonth: 20_000,
    dailyCap: 5_000,
    ratePerMinute: 15,
    overage: { kind: 'opt_in', usdPer1000: 0.75 },
  },
  growth: {
    name: 'growth',
    priceUsdPerMonth: 29,
    includedCreditsPerMonth: 100_000,
    dailyCap: 25_000,
    ratePerMinute: 45,
    overage: { kind: 'opt_in', usdPer1000: 0.45 },
  },
  pro: {
    name: 'pro',
    priceUsdPerMonth: 79,
    includedCreditsPerMonth: 400_000,
    dailyCap: null,
    ratePerMinute: 120,
    overage: { kind: 'always', usdPer1000: 0.3 },
  },
  business: {
    name: 'business',
    priceUsdPerMonth: 199,
    includedCreditsPerMonth: 1_200_000,
    dailyCap: null,
    ratePerMinute: 300,
    overage: { kind: 'always', usdPer1000: 0.2 },
  },
  enterprise: {
    name: 'enterprise',
    priceUsdPerMonth: 499,
    includedCreditsPerMonth: 5_000_000,
    dailyCap: null,
    ratePerMinute: 1_000,
    overage: { kind: 'always', usdPer1000: 0.12 },
  },
});

/** Whether an account on this plan may go past its included credits. */
export const allowsOverage = (plan: Plan, overageEnabled: boolean): boolean =>
  plan.overage.kind === 'always' || (plan.overage.kind === 'opt_in' && overageEnabled);
