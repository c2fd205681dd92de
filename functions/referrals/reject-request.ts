// The reject request as the API accepts it: path id, optional body with a reason, optional Idempotency-Key.
import * as v from 'valibot';
import { AttributionPathIdSchema } from './path-id.js';
import { IdempotencyKeySchema, ReasonSchema, SentOnceSchema } from './request-fields.js';

const BODY_SHAPE = 'body must be a JSON object whose only field is reason';

/** The body's shape, as documented (`referrals.adminReferralRejectRequestDoc`). */
export const RejectBodyDocSchema = v.strictObject({ reason: v.optional(ReasonSchema) }, BODY_SHAPE);

export const RejectBodySchema = v.optional(
  v.pipe(
    // valibot's object schemas accept arrays (typeof [] is "object"); a JSON array is not a valid body.
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BODY_SHAPE),
    RejectBodyDocSchema,
  ),
);

export const RejectRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  body: RejectBodySchema,
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export type RejectRequest = {
  attributionId: string;
  reason?: string;
  idempotencyKey?: string;
};

export const toRejectRequest = (parsed: v.InferOutput<typeof RejectRequestSchema>): RejectRequest => ({
  attributionId: parsed.pathParameters.id,
  ...(parsed.body?.reason === undefined ? {} : { reason: parsed.body.reason }),
  ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
});
