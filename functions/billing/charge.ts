// A charge: the usage record and the day and month counter increments that bill one successful request, all-or-nothing.
import type { Principal } from '../auth/principal.js';
import { counterExpiry, dayWindow, type MonthlyCharge, monthWindow } from './metering.js';
import type { Plan } from './plans.js';
import { buildUsageRecord, type UsageRecord } from './usage-record.js';

export type CounterIncrement = {
  window: string;
  credits: number;
  /** The counter must stay at or under this after the increment; null means unbounded. */
  ceiling: number | null;
  expiresAt: number;
};

export type Charge = {
  userId: string;
  usage: UsageRecord;
  day: CounterIncrement;
  month: CounterIncrement;
};

export type ChargeInput = {
  principal: Principal;
  plan: Plan;
  requestId: string;
  endpoint: string;
  statusCode: number;
  credits: number;
  now: Date;
};

/** The day and month counter increments of a charge or a reservation; the day's ceiling is the plan's cap. */
export const counterIncrements = (input: { plan: Plan; credits: number; monthCeiling: number | null; now: Date }) => {
  const day = dayWindow(input.now);
  const month = monthWindow(input.now);
  return {
    // A counter outlives its window by a margin (2 days for a day, 35 for a month), then TTL removes it.
    day: { window: day.id, credits: input.credits, ceiling: input.plan.dailyCap, expiresAt: counterExpiry(day, 2 * 24 * 60 * 60) },
    month: { window: month.id, credits: input.credits, ceiling: input.monthCeiling, expiresAt: counterExpiry(month, 35 * 24 * 60 * 60) },
  } satisfies { day: CounterIncrement; month: CounterIncrement };
};

export const planCharge = (input: ChargeInput, monthly: MonthlyCharge): Charge => ({
  userId: input.principal.userId,
  usage: buildUsageRecord({ ...input, overage: monthly.overage }),
  ...counterIncrements({ plan: input.plan, credits: input.credits, monthCeiling: monthly.includedLimit, now: input.now }),
});
