// The audit trail: one activity item per change of a referral, written once in the change's own transaction.
import * as v from 'valibot';
import type { Principal } from '../auth/principal.js';
import { type Attribution, AttributionSchema, AttributionStatusSchema } from './attribution.js';
import { type Claim, ClaimSchema } from './claims.js';
import type { Decision } from './decision.js';

/** The decisions, a reopen of a reject, and a claim released by force (which announces no event). */
export const ACTIVITY_ACTIONS = ['reject', 'approve', 'reopen', 'claim_released'] as const;

/** Whether an activity item records a decision. */
export const isDecisionAction = (action: Activity['action']): action is Decision['action'] => action === 'reject' || action === 'approve';

// A pure call: a bundle that writes activity items without reading them leaves the schema out.
export const ActivitySchema = /* @__PURE__ */ (() =>
  v.object({
    action: v.picklist(ACTIVITY_ACTIONS),
    previous_status: AttributionStatusSchema,
    /** The fraud checks' reason the referral carried before the change; absent when it had none. */
    previous_review_reason: v.optional(v.string()),
    /** The admin's reason, absent when none was given. */
    reason: v.optional(v.string()),
    /**
     * The decision's reason code (for a reject self_referral, duplicate_account, payment_fraud, bot_traffic,
     * policy_violation, other; for an approve verified_legitimate, false_positive, other; for a reopen
     * rejected_in_error, new_evidence, other): an open string, since the lists may grow.
     */
    reason_code: v.optional(v.string()),
    /** Who made the change: the `reviewed_by` value. */
    actor: v.string(),
    auth_method: v.picklist(['api_key', 'jwt']),
    /** The API key id, or the JWT subject. */
    subject_id: v.string(),
    request_id: v.string(),
    at: v.pipe(v.string(), v.isoTimestamp()),
    /** The attribution as the change left it, as the API returned it. */
    attribution: v.object(AttributionSchema.entries),
    /** For a reopen: the request id of the decision it undoes. */
    undoes: v.optional(v.string()),
    /** For a forced release: whose claim it ended, and until when it ran. */
    released_claim: v.optional(ClaimSchema),
  }))();
export type Activity = v.InferOutput<typeof ActivitySchema>;

/** The activity item of a reviewer's decision. */
export const decisionActivity = (input: {
  decision: Decision;
  before: Attribution;
  after: Attribution;
  reason: string | undefined;
  reasonCode?: string | undefined;
  principal: Principal;
  requestId: string;
}): Activity => ({
  action: input.decision.action,
  previous_status: input.before.status,
  ...(input.before.review_reason === undefined ? {} : { previous_review_reason: input.before.review_reason }),
  ...(input.reason === undefined ? {} : { reason: input.reason }),
  ...(input.reasonCode === undefined ? {} : { reason_code: input.reasonCode }),
  actor: input.principal.userId,
  auth_method: input.principal.authMethod,
  subject_id: input.principal.subjectId,
  request_id: input.requestId,
  at: input.after.reviewed_at as string,
  attribution: input.after,
});

/** The activity item of a forced release: who ended whose claim, the referral left as it was but for the claim. */
export const claimReleaseActivity = (input: {
  attribution: Attribution;
  released: Claim;
  principal: Principal;
  requestId: string;
  now: Date;
}): Activity => ({
  action: 'claim_released',
  previous_status: input.attribution.status,
  actor: input.principal.userId,
  auth_method: input.principal.authMethod,
  subject_id: input.principal.subjectId,
  request_id: input.requestId,
  at: input.now.toISOString(),
  attribution: { ...input.attribution, claim: null },
  released_claim: input.released,
});
