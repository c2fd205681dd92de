// Admission, the first metering round: the request counted under the per-minute limit, and the month's credits read.
import type { Principal } from '../auth/principal.js';
import type { PlanTable } from './plans.js';
import type { MeterStore } from './ports.js';
import { counterExpiry, minuteWindow, monthWindow } from './windows.js';

export type MeterDeps = { meter: MeterStore; plans: PlanTable; now: () => Date };

/** Where the account stands in the current minute: its limit, the requests counted, and when the window resets. */
export type RateLimitState = { limit: number; used: number; resetAt: Date };

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
