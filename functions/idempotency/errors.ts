// The idempotency module's own errors: a key reused for other content, or held by a request still running.
import { DomainError } from '../shared/domain-error.js';

/** The key was used with a different request; it can be used again once it expires. */
export class IdempotencyKeyReused extends DomainError {
  override name = 'IdempotencyKeyReused';
  readonly code = 'IDEMPOTENCY.KEY_REUSED';
  constructor(expiresAt: Date) {
    super('Idempotency key was used with a different request', { idempotency_key_expires_at: expiresAt.toISOString() });
  }
}

/** Another request with this key is running, or its outcome is not settled yet: a retry later learns it. */
export class RequestInProgress extends DomainError {
  override name = 'RequestInProgress';
  readonly code = 'IDEMPOTENCY.REQUEST_IN_PROGRESS';
  constructor() {
    super('A request with this idempotency key is in progress');
  }
}
