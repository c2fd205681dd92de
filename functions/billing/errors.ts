// The billing domain's own error: a plan limit reached, which one and when it lifts. No status codes here.

/** The limit a refusal names, its value, and when its window resets (`retry_after` in seconds from now). */
export type LimitContext = {
  limit: 'requests_per_minute' | 'daily_credits' | 'included_credits_per_month';
  value: number;
  resets_at: string;
  retry_after: number;
};

export type LimitKind = 'rate_limited' | 'daily_cap_reached' | 'credits_exhausted';

/** A plan limit stops the request: which one, and when it lifts. */
export class LimitReached extends Error {
  override name = 'LimitReached';
  declare readonly kind: LimitKind;
  declare readonly context: LimitContext;
  constructor(kind: LimitKind, context: LimitContext) {
    super(`Plan limit reached: ${context.limit}`);
    this.kind = kind;
    this.context = context;
  }
}
