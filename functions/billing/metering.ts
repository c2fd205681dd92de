// Metering windows (UTC minute, day, month), the charge decision and the rate-limit headers.
import { ApiError } from '../shared/api-error.js';
import type { LimitContext } from '../shared/error-contexts.js';
import { allowsOverage, type Plan } from './plans.js';

export type MeterWindow = { id: string; resetAt: Date };

export const minuteWindow = (now: Date): MeterWindow => {
  const start = Math.floor(now.getTime() / 60_000) * 60_000;
  return { id: new Date(start).toISOString().slice(0, 16), resetAt: new Date(start + 60_000) };
};

export const dayWindow = (now: Date): MeterWindow => ({
  id: now.toISOString().slice(0, 10),
  resetAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)),
});

export const monthWindow = (now: Date): MeterWindow => ({
  id: now.toISOString().slice(0, 7),
  resetAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
});

/** Counters outlive their window by a margin, then DynamoDB TTL removes them. */
export const counterExpiry = (window: MeterWindow, marginSeconds: number): number =>
  Math.floor(window.resetAt.getTime() / 1000) + marginSeconds;

export const secondsUntil = (at: Date, now: Date): number => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));

/** The monthly part of a charge: whether this credit is overage, and the ceiling the month counter must stay under. */
export type MonthlyCharge = { overage: boolean; includedLimit: number | null };

/**
 * Decides how a request is charged given the credits the account already used this month.
 * Within the included credits the counter is held under the included amount, so concurrent
 * requests cannot all claim the last included credit; past it, the request is overage or refused.
 */
export const monthlyCharge = (plan: Plan, overageEnabled: boolean, usedThisMonth: number, now: Date): MonthlyCharge => {
  if (usedThisMonth < plan.includedCreditsPerMonth) {
    return { overage: false, includedLimit: plan.includedCreditsPerMonth };
  }
  if (allowsOverage(plan, overageEnabled)) return { overage: true, includedLimit: null };
  throw creditsExhausted(plan, now);
};

const limitError = (
  type: 'rate_limited' | 'daily_cap_reached' | 'credits_exhausted',
  limit: { name: LimitContext['limit']; value: number },
  window: MeterWindow,
  now: Date,
): ApiError => {
  const retryAfter = secondsUntil(window.resetAt, now);
  const context: LimitContext = { limit: limit.name, value: limit.value, resets_at: window.resetAt.toISOString(), retry_after: retryAfter };
  return new ApiError(type, {
    context,
    headers: { 'retry-after': String(retryAfter) },
  });
};

export const rateLimited = (plan: Plan, now: Date): ApiError =>
  limitError('rate_limited', { name: 'requests_per_minute', value: plan.ratePerMinute }, minuteWindow(now), now);

export const dailyCapReached = (plan: Plan, now: Date): ApiError =>
  limitError('daily_cap_reached', { name: 'daily_credits', value: plan.dailyCap ?? 0 }, dayWindow(now), now);

export const creditsExhausted = (plan: Plan, now: Date): ApiError =>
  limitError('credits_exhausted', { name: 'included_credits_per_month', value: plan.includedCreditsPerMonth }, monthWindow(now), now);

export type RateLimitState = { limit: number; used: number; resetAt: Date };

/** The IETF httpapi ratelimit-headers (draft 10) fields and the conventional X-RateLimit-* ones. */
export const rateLimitHeaders = ({ limit, used, resetAt }: RateLimitState, now: Date): Record<string, string> => {
  const remaining = Math.max(0, limit - used);
  const resetSeconds = secondsUntil(resetAt, now);
  return {
    'ratelimit-policy': `"per-minute";q=${limit};w=60`,
    ratelimit: `"per-minute";r=${remaining};t=${resetSeconds}`,
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(resetAt.getTime() / 1000)),
  };
};
