// A bulk request's credits, reserved on the day and month counters in one step before the writes they pay for, and
// how many of the referrals they pay for the included credits cover.
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
 * How many credits to reserve and under which ceilings. The month counter's ceiling makes the included credits it
 * plans really free: the included amount plus the credits it plans as overage, so that the counter, which never
 * counts less than what other requests charged or hold, left them at the reservation. A plan without overage plans
 * every credit as included (ceiling: the included amount); one that plans none as included needs no ceiling.
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
  const { included } = monthlyAllowance(plan, input.principal.overageEnabled, input.usedThisMonth, input.credits, input.now);
  const includedCredits = Math.min(included, input.credits);
  const counters = counterIncrements({
    plan,
    credits: input.credits,
    monthCeiling: includedCredits === 0 ? null : plan.includedCreditsPerMonth + (input.credits - includedCredits),
    now: input.now,
  });
  const reservation: Reservation = { userId: input.principal.userId, requestId: input.requestId, ...counters };
  return { reservation, includedCredits };
};

/**
 * How many referrals of a reservation, each costing `credits`, its included credits cover: as many as start within
 * them (a referral whose first credit is included is not overage).
 */
export const includedReferrals = (planned: PlannedReservation, credits: number): number => Math.ceil(planned.includedCredits / credits);
