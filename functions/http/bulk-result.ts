// A bulk decision's result as its response documents it, for the OpenAPI document; the use case's own types must fit it.
import * as v from 'valibot';
import { AttributionSchema } from '../referrals/attribution.js';
import type { BulkResult } from '../referrals/bulk-outcomes.js';
import { APPROVE, type Decision, REJECT } from '../referrals/decision.js';
import { ErrorTypeSchema } from './envelope-schemas.js';

const countOf = (description: string) => v.pipe(v.number(), v.integer(), v.minValue(0), v.metadata({ description }));

/** The result's schema for one decision: each id's outcome, the decided ones named by the decision's outcome, and the counts. */
const bulkResultSchema = <Decided extends Decision['outcome']>(decided: Decided, verb: string) => {
  const outcome = v.variant('outcome', [
    v.object({ id: v.string(), outcome: v.literal(decided), attribution: AttributionSchema }),
    v.object({ id: v.string(), outcome: v.literal('not_found'), error: v.object({ type: v.literal('not_found') }) }),
    v.object({
      id: v.string(),
      outcome: v.literal('conflict'),
      error: v.object({ type: v.literal('conflict'), context: v.object({ status: v.string() }) }),
    }),
    v.pipe(
      v.object({
        id: v.string(),
        outcome: v.literal('claimed'),
        error: v.object({ type: v.literal('claimed'), context: v.object({ claimed_by: v.string(), claimed_until: v.string() }) }),
      }),
      v.metadata({ description: `Another reviewer held a live claim on it: not ${decided}, not charged` }),
    ),
    v.object({ id: v.string(), outcome: v.literal('failed'), error: v.object({ type: ErrorTypeSchema, retryable: v.literal(true) }) }),
    v.pipe(
      v.object({
        id: v.string(),
        outcome: v.literal('unknown'),
        error: v.object({ type: v.literal('dependency_unavailable'), retryable: v.literal(true) }),
      }),
      v.metadata({
        description:
          `The write of this referral went unanswered until the deadline: it may have been ${decided} and charged. Resending ` +
          `the id is safe: in a new request a referral ${decided} answers conflict with its new status, one left untouched is ` +
          `${decided} then; a retry with the same Idempotency-Key and body answers ${decided} if this request ${decided} it.`,
      }),
    ),
  ]);
  return v.object({
    results: v.pipe(v.array(outcome), v.metadata({ description: "One per id, in the request's order" })),
    counts: v.object({
      [decided]: countOf(`${verb} (and charged, 1 credit each)`),
      not_found: countOf('No such referral'),
      conflict: countOf('Not held for review'),
      claimed: countOf('Held by another reviewer'),
      failed: countOf(`Surely not ${decided}: a write failed or was not started in time (retryable)`),
      unknown: countOf(`Their write went unanswered: maybe ${decided} and charged (retryable, safe to resend)`),
    } as Record<Decided | 'not_found' | 'conflict' | 'claimed' | 'failed' | 'unknown', ReturnType<typeof countOf>>),
  });
};

const RejectResultSchema = /* @__PURE__ */ bulkResultSchema(REJECT.outcome, 'Rejected');

/** A bulk reject's result, with the two totals it answered with before it had counts. */
export const BulkRejectResultSchema = /* @__PURE__ */ v.object({
  ...RejectResultSchema.entries,
  rejected: countOf('Referrals rejected (and charged, 1 credit each): counts.rejected'),
  failed: v.pipe(
    countOf('Deprecated, kept for existing clients: every id not rejected, whatever its outcome. Read counts instead.'),
    v.metadata({ deprecated: true }),
  ),
});

/** A bulk approve's result. */
export const BulkApproveResultSchema = /* @__PURE__ */ bulkResultSchema(APPROVE.outcome, 'Approved');

/** Fails to compile when the use case's result does not fit what the document promises. */
type Fits<Actual extends Documented, Documented> = Actual;
export type BulkResultDocumented = [
  Fits<BulkResult<'rejected'>, v.InferOutput<typeof RejectResultSchema>>,
  Fits<BulkResult<'approved'>, v.InferOutput<typeof BulkApproveResultSchema>>,
];
