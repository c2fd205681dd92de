// The referral domain's own errors: named by what went wrong, carrying its data, knowing no status code.

/** No attribution has this id. */
export class ReferralNotFound extends Error {
  override name = 'ReferralNotFound';
  declare readonly attributionId: string;
  constructor(attributionId: string) {
    super('Referral attribution not found');
    this.attributionId = attributionId;
  }
}

/** The attribution is not held for review, so no decision can be made on it. */
export class NotAwaitingReview extends Error {
  override name = 'NotAwaitingReview';
  declare readonly attributionId: string;
  declare readonly status: string;
  declare readonly expected: string;
  constructor(attributionId: string, status: string, expected: string) {
    super(`Referral attribution is ${status}, not ${expected}`);
    this.attributionId = attributionId;
    this.status = status;
    this.expected = expected;
  }
}

/** A list cursor that was tampered with, truncated, or issued for another query. */
export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
  constructor() {
    super('cursor is not valid for this query');
  }
}
