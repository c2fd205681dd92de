// The two decisions a reviewer makes on a referral held for review, and the rule they share: only a referral held
// for review is decided, a decision grants nothing itself, and the fraud checks' own reason is kept.
import { type Attribution, AttributionSchema, inSchemaOrder } from './attribution.js';
import { NotAwaitingReview, ReferralNotFound } from './errors.js';

/** The one status a decision starts from. */
export const REVIEWABLE_STATUS = 'review_required' as const;

/** What a decision sets, records and announces; everything else about it is the same machinery. */
export type Decision = {
  /** The activity item's action. */
  readonly action: 'reject' | 'approve';
  /** The status the attribution moves to. */
  readonly status: 'rejected' | 'qualified';
  /** A bulk result's outcome for a referral so decided. */
  readonly outcome: 'rejected' | 'approved';
  /** The event the forwarder publishes for it. */
  readonly event: 'referral.rejected' | 'referral.approved';
  /** The reason codes a reviewer may give it: a fixed list, validated on the way in, an open string on the way out. */
  readonly reasonCodes: readonly string[];
};

/** No reward will be granted: the referral pipeline never moves a rejected referral on. */
export const REJECT = {
  action: 'reject',
  status: 'rejected',
  outcome: 'rejected',
  event: 'referral.rejected',
  reasonCodes: ['self_referral', 'duplicate_account', 'payment_fraud', 'bot_traffic', 'policy_violation', 'other'],
} as const satisfies Decision;

/** Back to `qualified`, from which the referral pipeline grants the rewards once it hears `referral.approved`. */
export const APPROVE = {
  action: 'approve',
  status: 'qualified',
  outcome: 'approved',
  event: 'referral.approved',
  reasonCodes: ['verified_legitimate', 'false_positive', 'other'],
} as const satisfies Decision;

export const DECISIONS = [REJECT, APPROVE] as const;

/** The decision an activity item records. */
export const decisionOf = (action: Decision['action']): Decision => (action === 'approve' ? APPROVE : REJECT);

export type DecisionChanges = Pick<Attribution, 'status' | 'reviewed_at' | 'reviewed_by'>;

export type DecisionInput = {
  attributionId: string;
  /** Trimmed reason, when the caller gave one. */
  reason?: string;
  reviewer: string;
  now: Date;
};

/**
 * Fields a decision sets. `review_reason` keeps its spec meaning, why the fraud checks held the referral
 * (e.g. same_stripe_customer), and is never overwritten, nor are `risk_flags`; the admin's reason goes to the
 * activity item.
 */
export const decisionChanges = (decision: Decision, { reviewer, now }: DecisionInput): DecisionChanges => ({
  status: decision.status,
  reviewed_at: now.toISOString(),
  reviewed_by: reviewer,
});

/** Checks the current record and returns it as it will be once decided. */
export const decide = (decision: Decision, current: Attribution | undefined, input: DecisionInput): Attribution => {
  if (!current) throw new ReferralNotFound(input.attributionId);
  if (current.status !== REVIEWABLE_STATUS) throw new NotAwaitingReview(input.attributionId, current.status, REVIEWABLE_STATUS);
  return inSchemaOrder({ ...current, ...decisionChanges(decision, input) }, AttributionSchema);
};
