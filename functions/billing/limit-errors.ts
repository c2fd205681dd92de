// The three plan limits as typed errors: which limit, its value, and when its window resets. HTTP headers are the edge's.
import { type LimitContext, type LimitKind, LimitReached } from './errors.js';
import type { Plan } from './plans.js';
import { dayWindow, type MeterWindow, minuteWindow, monthWindow, secondsUntil } from './windows.js';

const limitError = (
  kind: LimitKind,
  limit: { name: LimitContext['limit']; value: number },
  window: MeterWindow,
  now: Date,
): LimitReached => {
  const context: LimitContext = {
    limit: limit.name,
    value: limit.value,
    resets_at: window.resetAt.toISOString(),
    retry_after: secondsUntil(window.resetAt, now),
  };
  return new LimitReached(kind, context);
};

export const rateLimited = (plan: Plan, now: Date): LimitReached =>
  limitError('rate_limited', { name: 'requests_per_minute', value: plan.ratePerMinute }, minuteWindow(now), now);

export const dailyCapReached = (plan: Plan, now: Date): LimitReached =>
  limitError('daily_cap_reached', { name: 'daily_credits', value: plan.dailyCap ?? 0 }, dayWindow(now), now);

export const creditsExhausted = (plan: Plan, now: Date): LimitReached =>
  limitError('credits_exhausted', { name: 'included_credits_per_month', value: plan.includedCreditsPerMonth }, monthWindow(now), now);
