// What a cancelled transaction on one referral means for its request: the stored answer of an earlier request with the
// same key, a plan limit's refusal, or the error the edge answers. One rule for a decision, a claim, a note and a reopen.
import type { ChargeAttempt } from '../billing/charge.js';
import { RequestInProgress } from '../idempotency/errors.js';
import type { IdempotencyRecord } from '../idempotency/record.js';
import { Contention } from '../shared/dependency-errors.js';
import { ReferralClaimed, shownClaim } from './claims.js';
import { NotAwaitingReview, ReferralNotFound } from './errors.js';
import type { DecisionCancellation } from './ports.js';

export const answerCancellation = <T>(
  cancellation: DecisionCancellation,
  request: {
    attributionId: string;
    /** The status the write expected, named in a 409 conflict. */
    expectedStatus: string;
    /** Whether the request carries an Idempotency-Key: contention then means another request of that key. */
    keyed: boolean;
    replay: (record: IdempotencyRecord) => T;
  },
): ChargeAttempt<T> => {
  switch (cancellation.kind) {
    case 'idempotency_replay':
      return { ok: true, value: request.replay(cancellation.record) };
    case 'daily_cap':
    case 'included_credits':
      return { ok: false, refusal: cancellation.kind };
    case 'attribution_missing':
      throw new ReferralNotFound(request.attributionId);
    case 'attribution_status':
      throw new NotAwaitingReview(request.attributionId, cancellation.status, request.expectedStatus);
    case 'claimed':
      throw new ReferralClaimed(request.attributionId, shownClaim(cancellation.claim));
    case 'contention':
      throw request.keyed ? new RequestInProgress() : new Contention();
  }
};
