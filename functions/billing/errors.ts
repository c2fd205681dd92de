// The billing domain's own error: a plan limit reached, which one and when it lifts, and the three limits that raise
// it. No status codes here.
import { DomainError } from '../shared/domain-error.js';
import type { Plan } from './plans.js';
import { dayWindow, type MeterWindow, minuteWindow, monthWindow, secondsUntil } from './windows.js';

/** The limit a refusal names, its value, and when its window resets (`retry_after` in seconds from now). */
export type LimitContext = {
  limit: 'requests_per_minute' | 'daily_credits' | 'included_credits_per_month';
  value: number;
  resets_at: string;
  retry_after: number;
};

export type LimitKind = 'rate_limited' | 'daily_cap_reached' | 'credits_exhausted';

const CODES = {
  rate_limited: 'BILLING.RATE_LIMITED',
  daily_cap_reached: 'BILLING.DAILY_CAP_REACHED',
  credits_exhausted: 'BILLING.CREDITS_EXHAUSTED',
} as const satisfies Record<LimitKind, string>;

/** A plan limit stops the request: which one, and when it lifts (its details: the limit's context). */
export class LimitReached extends DomainError {
  override name = 'LimitReached';
  readonly code: (typeof CODES)[LimitKind];
  declare readonly kind: LimitKind;
  declare readonly context: LimitContext;
  constructor(kind: LimitKind, context: LimitContext) {
    super(`Plan limit reached: ${context.limit}`, context);
    this.code = CODES[kind];
    this.kind = kind;
    this.context = context;
  }
}

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
