// The billing domain's own error: a plan limit reached, which one and when it lifts. No status codes here.
import { DomainError } from '../shared/domain-error.js';

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
