// A charge: the usage record and the day and month counter increments that bill one success, and how a success is billed.
import type { Principal } from '../auth/principal.js';
import { Contention, WriteOutcomeUnknown } from '../shared/dependency-errors.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { creditsExhausted, dailyCapReached } from './errors.js';
import { allowsOverage, type Plan } from './plans.js';
import type { Charge, ChargeRefusal, CounterIncrement, MeterStore } from './ports.js';
import type { Price } from './usage-record.js';
import { buildUsageRecord } from './usage-record.js';
import { counterExpiry, dayWindow, monthWindow } from './windows.js';

/** What a success is to be charged for, before anything is charged: who, on which plan, for which request, at what price. */
export type ChargeRequest = {
  principal: Principal;
  plan: Plan;
  requestId: string;
  price: Price;
  now: Date;
};

/** The monthly part of a charge: whether this credit is overage, and the ceiling the month counter must stay under. */
export type MonthlyCharge = { overage: boolean; includedLimit: number | null };

/**
 * The one monthly rule: how many of `credits` more the month's included credits still cover, and whether the rest
 * may be billed as overage; refused when they may not.
 */
export const monthlyAllowance = (plan: Plan, overageEnabled: boolean, usedThisMonth: number, credits: number, now: Date) => {
  const included = Math.max(0, plan.includedCreditsPerMonth - usedThisMonth);
  const overage = allowsOverage(plan, overageEnabled);
  if (!overage && included < credits) throw creditsExhausted(plan, now);
  return { included, overage };
};

/**
 * Decides how one credit is charged given the credits the account already used this month. Within the included
 * credits the counter is held under the included amount, so concurrent requests cannot all claim the last included
 * credit; past it, the request is overage or refused.
 */
export const monthlyCharge = (plan: Plan, overageEnabled: boolean, usedThisMonth: number, now: Date): MonthlyCharge => {
  const { included } = monthlyAllowance(plan, overageEnabled, usedThisMonth, 1, now);
  return included >= 1 ? { overage: false, includedLimit: plan.includedCreditsPerMonth } : { overage: true, includedLimit: null };
};

/** How long a counter outlives its window before TTL removes it: 2 days for a day, 35 for a month. */
export const COUNTER_MARGIN_SECONDS = { day: 2 * 24 * 60 * 60, month: 35 * 24 * 60 * 60 };

/** The day and month counter increments of a charge or a reservation; the day's ceiling is the plan's cap. */
export const counterIncrements = (input: { plan: Plan; credits: number; monthCeiling: number | null; now: Date }) => {
  const day = dayWindow(input.now);
  const month = monthWindow(input.now);
  return {
    day: {
      window: day.id,
      credits: input.credits,
      ceiling: input.plan.dailyCap,
      expiresAt: counterExpiry(day, COUNTER_MARGIN_SECONDS.day),
    },
    month: {
      window: month.id,
      credits: input.credits,
      ceiling: input.monthCeiling,
      expiresAt: counterExpiry(month, COUNTER_MARGIN_SECONDS.month),
    },
  } satisfies { day: CounterIncrement; month: CounterIncrement };
};

export const planCharge = (input: ChargeRequest, monthly: MonthlyCharge): Charge => ({
  userId: input.principal.userId,
  usage: buildUsageRecord({ ...input, overage: monthly.overage }),
  ...counterIncrements({ plan: input.plan, credits: input.price.credits, monthCeiling: monthly.includedLimit, now: input.now }),
});

export type ChargeAttempt<T> = { ok: true; value: T } | { ok: false; refusal: ChargeRefusal };

/**
 * Bills a success through `commit`, which writes the charge alone or inside the route's own transaction.
 * Past the included credits a charge is overage or refused; when concurrent requests take the last
 * included credits first, it is planned once more as overage where the plan allows it.
 */
export const chargeSuccess = async <T>(
  input: ChargeRequest,
  usedThisMonth: number,
  commit: (charge: Charge) => Promise<ChargeAttempt<T>>,
): Promise<T> => {
  const { plan, principal, now } = input;
  let monthly: MonthlyCharge = monthlyCharge(plan, principal.overageEnabled, usedThisMonth, now);
  for (;;) {
    const attempt = await commit(planCharge(input, monthly));
    if (attempt.ok) return attempt.value;
    if (attempt.refusal === 'daily_cap') throw dailyCapReached(plan, now);
    if (monthly.overage || !allowsOverage(plan, principal.overageEnabled)) throw creditsExhausted(plan, now);
    monthly = { overage: true, includedLimit: null };
  }
};

/**
 * For routes that change nothing themselves: the charge is its own transaction, made once the route succeeded.
 * A charge whose outcome stays unknown leaves the success standing ('unknown'): answering a 5xx instead could
 * charge a 5xx. The usage records then hold the charge only if it was applied.
 */
export const chargeAfterSuccess = async (
  meter: MeterStore,
  input: ChargeRequest,
  usedThisMonth: number,
  budget: WriteBudget,
): Promise<'charged' | 'unknown'> => {
  try {
    return await chargeSuccess(input, usedThisMonth, async (charge) => {
      const commit = await meter.commitCharge(charge, budget);
      if (commit.committed) return { ok: true, value: 'charged' as const };
      if (commit.refusal === 'contention') throw new Contention();
      return { ok: false, refusal: commit.refusal };
    });
  } catch (error) {
    if (error instanceof WriteOutcomeUnknown) return 'unknown';
    throw error;
  }
};
