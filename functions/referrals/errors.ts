// The referral domain's own errors: named by what went wrong, carrying its data, knowing no status code.
import { DomainError } from '../shared/domain-error.js';

/** No referral attribution has this id. */
export class ReferralNotFound extends DomainError {
  override name = 'ReferralNotFound';
  readonly code = 'REFERRAL.NOT_FOUND';
  constructor(attributionId: string) {
    super('Referral attribution not found', { id: attributionId });
  }
}

/** The referral is not held for review, so no decision can be made on it. */
export class NotAwaitingReview extends DomainError {
  override name = 'NotAwaitingReview';
  readonly code = 'REFERRAL.NOT_AWAITING_REVIEW';
  constructor(attributionId: string, status: string, expected: string) {
    super(`Referral attribution is ${status}, not ${expected}`, { id: attributionId, status });
  }
}

/** A list cursor that was tampered with, truncated, or issued for another query. */
export class InvalidCursor extends DomainError {
  override name = 'InvalidCursor';
  readonly code = 'REFERRAL.INVALID_CURSOR';
  constructor(options?: ErrorOptions) {
    super('cursor is not valid for this query', {}, options);
  }
}

/** The reject is older than the window. */
export class ReopenWindowClosed extends DomainError {
  override name = 'ReopenWindowClosed';
  readonly code = 'REFERRAL.REOPEN_WINDOW_CLOSED';
  constructor(attributionId: string, rejectedAt: string, closedAt: string) {
    super(`Referral was rejected at ${rejectedAt}: it could be reopened until ${closedAt}`, {
      id: attributionId,
      rejected_at: rejectedAt,
      window_closed_at: closedAt,
    });
  }
}
