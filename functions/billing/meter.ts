// The metering step every route shares: admission under the per-minute limit, then the charge of a success.
import type { Principal } from '../auth/principal.js';
import { ApiError, isWriteOutcomeUnknown } from '../shared/api-error.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { type Charge, type ChargeInput, planCharge } from './charge.js';
import {
  counterExpiry,
  creditsExhausted,
  dailyCapReached,
  type MonthlyCharge,
  minuteWindow,
  monthlyCharge,
  monthWindow,
  type RateLimitState,
} from './metering.js';
import { allowsOverage, type PlanTable } from './plans.js';
import type { ChargeRefusal, MeterStore } from './ports.js';

export type MeterDeps = { meter: MeterStore; plans: PlanTable; now: () => Date };

/** The outcome of the first metering round: the rate-limit state, and the credits the account used this month. */
export type Admission = { admitted: boolean; rate: RateLimitState; usedThisMonth: number };

const RATE_COUNTER_MARGIN_SECONDS = 60;

/** Counts the request and reads the month's credits in one parallel round. */
export const admitRequest = async (deps: MeterDeps, principal: Principal, now: Date): Promise<Admission> => {
  const plan = deps.plans[principal.plan];
  const minute = minuteWindow(now);
  const [count, usedThisMonth] = await Promise.all([
    deps.meter.countRequest(principal.userId, minute.id, plan.ratePerMinute, counterExpiry(minute, RATE_COUNTER_MARGIN_SECONDS)),
    deps.meter.readMonthCredits(principal.userId, monthWindow(now).id),
  ]);
  return { admitted: count.admitted, rate: { limit: plan.ratePerMinute, used: count.used, resetAt: minute.resetAt }, usedThisMonth };
};

export type ChargeAttempt<T> = { ok: true; value: T } | { ok: false; refusal: ChargeRefusal };

/**
 * Bills a success through `commit`, which writes the charge alone or inside the route's own transaction.
 * Past the included credits a charge is overage or refused; when concurrent requests take the last
 * included credits first, it is planned once more as overage where the plan allows it.
 */
export const chargeSuccess = async <T>(
  input: ChargeInput,
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
export const chargeAlone = async (
  meter: MeterStore,
  input: ChargeInput,
  usedThisMonth: number,
  budget: WriteBudget,
): Promise<'charged' | 'unknown'> => {
  try {
    return await chargeSuccess(input, usedThisMonth, async (charge) => {
      const commit = await meter.commitCharge(charge, budget);
      if (commit.committed) return { ok: true, value: 'charged' as const };
      if (commit.refusal === 'contention') throw new ApiError('concurrent_update');
      return { ok: false, refusal: commit.refusal };
    });
  } catch (error) {
    if (isWriteOutcomeUnknown(error)) return 'unknown';
    throw error;
  }
};
