// The reject rule: only a referral held for review may be rejected, and rejecting grants nothing.
import { type Attribution, AttributionSchema, type AttributionStatus, inSchemaOrder } from './attribution.js';
import { NotAwaitingReview, ReferralNotFound } from './errors.js';

export const REJECTABLE_STATUS: AttributionStatus = 'review_required';

export type RejectionChanges = Pick<Attribution, 'status' | 'reviewed_at' | 'reviewed_by'>;

export type RejectInput = {
  attributionId: string;
  /** Trimmed reason, when the caller gave one. */
  reason?: string;
  reviewer: string;
  now: Date;
};

/**
 * Fields a rejection sets. `review_reason` keeps its spec meaning, why the fraud checks held the referral
 * (e.g. same_stripe_customer), and is never overwritten; the admin's reason goes to the activity item.
 */
export const rejectionChanges = ({ reviewer, now }: RejectInput): RejectionChanges => ({
  status: 'rejected',
  reviewed_at: now.toISOString(),
  reviewed_by: reviewer,
});

/** Checks the current record and returns it as it will be once rejected. */
export const rejectAttribution = (current: Attribution | undefined, input: RejectInput): Attribution => {
  if (!current) throw new ReferralNotFound(input.attributionId);
  if (current.status !== REJECTABLE_STATUS) throw new NotAwaitingReview(input.attributionId, current.status, REJECTABLE_STATUS);
  return inSchemaOrder({ ...current, ...rejectionChanges(input) }, AttributionSchema);
};
