// The idempotency module's own errors: a key reused for other content, or held by a request still running.

/** The key was used with a different request; it can be used again once it expires. */
export class IdempotencyKeyReused extends Error {
  override name = 'IdempotencyKeyReused';
  declare readonly expiresAt: Date;
  constructor(expiresAt: Date) {
    super('Idempotency key was used with a different request');
    this.expiresAt = expiresAt;
  }
}

/** Another request with this key is running, or its outcome is not settled yet: a retry later learns it. */
export class RequestInProgress extends Error {
  override name = 'RequestInProgress';
  constructor() {
    super('A request with this idempotency key is in progress');
  }
}
