// A bulk reject's result as its response documents it, for the OpenAPI document; the use case's own types must fit it.
import * as v from 'valibot';
import { AttributionSchema } from '../referrals/attribution.js';
import type { BulkResult as UseCaseResult } from '../referrals/reject-many.js';
import { ErrorTypeSchema } from './envelope-schemas.js';

/** One id's outcome in a bulk reject, as its response documents it. */
const BulkOutcomeSchema = v.variant('outcome', [
  v.object({ id: v.string(), outcome: v.literal('rejected'), attribution: AttributionSchema }),
  v.object({ id: v.string(), outcome: v.literal('not_found'), error: v.object({ type: v.literal('not_found') }) }),
  v.object({
    id: v.string(),
    outcome: v.literal('conflict'),
    error: v.object({ type: v.literal('conflict'), context: v.object({ status: v.string() }) }),
  }),
  v.object({ id: v.string(), outcome: v.literal('failed'), error: v.object({ type: ErrorTypeSchema, retryable: v.literal(true) }) }),
  v.pipe(
    v.object({
      id: v.string(),
      outcome: v.literal('unknown'),
      error: v.object({ type: v.literal('dependency_unavailable'), retryable: v.literal(true) }),
    }),
    v.metadata({
      description:
        'The write of this referral went unanswered until the deadline: it may have been rejected and charged. Resending the id ' +
        'is safe: a rejected referral answers conflict with status rejected, one left untouched is rejected then.',
    }),
  ),
]);

const countOf = (description: string) => v.pipe(v.number(), v.integer(), v.minValue(0), v.metadata({ description }));

/** How many ids had each outcome, by the outcome's own name. */
export const BulkCountsSchema = v.object({
  rejected: countOf('Rejected (and charged, 1 credit each)'),
  not_found: countOf('No such referral'),
  conflict: countOf('Not held for review'),
  failed: countOf('Surely not rejected: a write failed or was not started in time (retryable)'),
  unknown: countOf('Their write went unanswered: maybe rejected and charged (retryable, safe to resend)'),
});

export const BulkResultSchema = v.object({
  results: v.pipe(v.array(BulkOutcomeSchema), v.metadata({ description: "One per id, in the request's order" })),
  counts: BulkCountsSchema,
  rejected: countOf('Referrals rejected (and charged, 1 credit each): counts.rejected'),
  failed: v.pipe(
    countOf('Deprecated, kept for existing clients: every id not rejected, whatever its outcome. Read counts instead.'),
    v.metadata({ deprecated: true }),
  ),
});

/** Fails to compile when the use case's result does not fit what the document promises. */
type Fits<Actual extends Documented, Documented> = Actual;
export type BulkResultDocumented = Fits<UseCaseResult, v.InferOutput<typeof BulkResultSchema>>;
