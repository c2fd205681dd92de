// The review endpoints' response schemas, which only the OpenAPI document reads: kept apart from attribution.ts, so
// that no function bundles them (module-level valibot schemas are not tree-shaken).
import * as v from 'valibot';
import { ActivitySchema } from '../referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../referrals/attribution.js';
import type { Decision } from '../referrals/decision.js';
import { NoteSchema } from '../referrals/note-record.js';

/** A referral as the review endpoints return it: the attribution and its rewards. */
export const ReviewResponseSchema = v.object({
  attribution: AttributionSchema,
  rewards: v.pipe(v.array(RewardSchema), v.metadata({ description: "The attribution's rewards, as stored; a decision grants none" })),
});

/** An attribution as the list and the read return it: with its age in review while it waits there. */
const HeldAttributionSchema = v.strictObject({
  ...AttributionSchema.entries,
  age_seconds: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(0),
      v.metadata({
        description: 'Seconds since held_at at the time of the answer, while in review_required with a held_at',
        examples: [3600],
      }),
    ),
  ),
});

/** A page of the review queue. */
export const ReferralPageSchema = v.object({
  attributions: v.pipe(v.array(HeldAttributionSchema), v.metadata({ description: 'Oldest first by created_at, then id' })),
  next_cursor: v.pipe(v.nullable(v.string()), v.metadata({ description: 'Pass as cursor for the next page; null on the last page' })),
});

/** A decision's answer: the referral as it now is, in the decision's status, with its rewards (none granted by it). */
export const decidedResponseSchema = (decision: Decision) =>
  v.object({
    attribution: v.strictObject({
      ...AttributionSchema.entries,
      status: v.pipe(
        v.literal(decision.status),
        v.metadata({ description: `Always ${decision.status}: the change this request made, or replayed` }),
      ),
    }),
    rewards: ReviewResponseSchema.entries.rewards,
  });

/** One referral with its rewards and its audit trail, newest first: what the read answers. */
export const ReferralRecordSchema = v.object({
  attribution: HeldAttributionSchema,
  rewards: v.array(RewardSchema),
  activity: v.pipe(v.array(ActivitySchema), v.metadata({ description: 'The audit trail, newest first' })),
  notes: v.pipe(v.array(NoteSchema), v.metadata({ description: "The reviewers' notes, oldest first: every one, none edited or deleted" })),
});
