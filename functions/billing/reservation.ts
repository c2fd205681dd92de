// A bulk request's credits, reserved on the day and month counters in one step before the writes they pay for, and
// which of the referrals they pay for are billed as overage.
import type { Principal } from '../auth/principal.js';
import { counterIncrements, monthlyAllowance } from './charge.js';
import { dailyCapReached } from './errors.js';
import type { PlanTable } from './plans.js';
import type { Reservation } from './ports.js';

export type PlannedReservation = {
  reservation: Reservation;
  /** How many of the reserved credits the month's included credits cover; the rest are overage. */
  includedCredits: number;
};

/**
 * How many credits to reserve and under which ceilings. Within the included credits the month counter must stay
 * under them (exact under concurrency); a plan that bills overage reserves without a month ceiling, and the credits
 * past what was included at the read are flagged overage.
 */
export const planReservation = (input: {
  principal: Principal;
  plans: PlanTable;
  usedThisMonth: number;
  credits: number;
  now: Date;
  requestId: string;
}): PlannedReservation => {
  const plan = input.plans[input.principal.plan];
  // More credits than a whole day allows never fit, even on a day's first request, before its counter exists.
  if (plan.dailyCap !== null && input.credits > plan.dailyCap) throw dailyCapReached(plan, input.now);
  const { included, overage } = monthlyAllowance(plan, input.principal.overageEnabled, input.usedThisMonth, input.credits, input.now);
  const counters = counterIncrements({
    plan,
    credits: input.credits,
    monthCeiling: overage ? null : plan.includedCreditsPerMonth,
    now: input.now,
  });
  const reservation: Reservation = { userId: input.principal.userId, requestId: input.requestId, ...counters };
  return { reservation, includedCredits: overage ? included : input.credits };
};

/** Whether the item at `position` (counting from 0) of a reservation, each costing `credits`, is billed as overage. */
export const isOverageItem = (planned: PlannedReservation, position: number, credits: number): boolean =>
  position * credits >= planned.includedCredits;
