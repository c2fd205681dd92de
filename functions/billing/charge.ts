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

const DAY_COUNTER_MARGIN_SECONDS = 2 * 24 * 60 * 60;
const MONTH_COUNTER_MARGIN_SECONDS = 35 * 24 * 60 * 60;

export type ChargeInput = {
  principal: Principal;
  plan: Plan;
  requestId: string;
  endpoint: string;
  statusCode: number;
  credits: number;
  now: Date;
};

export const planCharge = (input: ChargeInput, monthly: MonthlyCharge): Charge => {
  const { principal, plan, credits, now } = input;
  const day = dayWindow(now);
  const month = monthWindow(now);
  return {
    userId: principal.userId,
    usage: buildUsageRecord({ ...input, overage: monthly.overage }),
    day: { window: day.id, credits, ceiling: plan.dailyCap, expiresAt: counterExpiry(day, DAY_COUNTER_MARGIN_SECONDS) },
    month: { window: month.id, credits, ceiling: monthly.includedLimit, expiresAt: counterExpiry(month, MONTH_COUNTER_MARGIN_SECONDS) },
  };
};
