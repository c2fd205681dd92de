// The reject request as the API accepts it: path id, optional body with a reason, optional Idempotency-Key.
import * as v from 'valibot';
import { AttributionPathIdSchema } from './attribution.js';

export const ReasonSchema = v.pipe(
  v.string('reason must be a string'),
  v.check((reason) => reason.isWellFormed(), 'reason must be well-formed Unicode text'),
  v.trim(),
  v.minLength(1, 'reason must not be blank'),
  v.maxLength(500, 'reason must be at most 500 characters'),
  v.metadata({
    description: 'Why the admin rejects the referral: 1-500 characters once leading and trailing white space is trimmed',
    examples: ['same billing account'],
  }),
);

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

export const IdempotencyKeySchema = v.pipe(
  v.string(),
  v.regex(/^[\x21-\x7e]([\x20-\x7e]{0,253}[\x21-\x7e])?$/, 'Idempotency-Key must be 1-255 printable characters'),
  v.metadata({
    description: 'Makes the request safe to retry: 1-255 printable ASCII characters, sent once, scoped to the account, kept 24 hours',
    examples: ['reject-attr-1-2026-11-27'],
  }),
);

/**
 * Every value each header was sent with (API Gateway's multiValueHeaders): an Idempotency-Key sent twice is refused,
 * never reduced to its last value, as a repeated credential is.
 */
export const SentOnceSchema = v.nullish(
  v.looseObject({
    'idempotency-key': v.optional(
      v.pipe(
        v.array(v.string()),
        v.check((values) => values.length <= 1, 'Idempotency-Key must be sent once'),
      ),
    ),
  }),
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
