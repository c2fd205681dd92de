// What a write or a read meets that is no fault of the request: a dependency failed, an outcome stayed unknown, or
// other requests kept the items busy. The edge answers each as a retryable error.
import { DomainError } from './domain-error.js';

/** A dependency failed in a way a later retry may get past: throttled, a 5xx, a timeout, a dropped connection. */
export class DependencyUnavailable extends DomainError {
  override name = 'DependencyUnavailable';
  readonly code = 'DEPENDENCY.UNAVAILABLE';
  constructor(cause: unknown) {
    super('A dependency is unavailable', {}, { cause });
  }
}

/**
 * A write that may or may not have been applied: its answer was lost and every resend also went unanswered before the
 * deadline. A retry with the same Idempotency-Key learns what happened.
 */
export class WriteOutcomeUnknown extends DomainError {
  override name = 'WriteOutcomeUnknown';
  readonly code = 'DEPENDENCY.WRITE_OUTCOME_UNKNOWN';
  constructor(cause: unknown) {
    super("A write's outcome is unknown", { write_outcome: 'unknown' }, { cause });
  }
}

/** Other requests kept the same items (an account's counters, a referral) busy past every retry. */
export class Contention extends DomainError {
  override name = 'Contention';
  readonly code = 'DEPENDENCY.CONTENTION';
  constructor() {
    super('The account or referral is being updated by another request');
  }
}
