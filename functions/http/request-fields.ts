// The fields single and bulk rejects share: the reason, and the Idempotency-Key header, sent once.
import * as v from 'valibot';
import { readableText } from './readable-text.js';

export const ReasonSchema = v.pipe(
  readableText('reason', 500, 'Why the admin rejects the referral'),
  v.metadata({ examples: ['same billing account'] }),
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
export const SentOnceSchema = v.optional(
  v.nullable(
    v.object({
      'idempotency-key': v.optional(
        v.pipe(
          v.array(v.string()),
          v.check((values) => values.length <= 1, 'Idempotency-Key must be sent once'),
        ),
      ),
    }),
  ),
);
