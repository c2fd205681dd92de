// The fields several routes share: the reason, a claim's lease, and the Idempotency-Key header, sent once.
import * as v from 'valibot';
import { LEASE_SECONDS } from '../referrals/claims.js';
import { readableText } from './readable-text.js';

export const ReasonSchema = v.pipe(
  readableText('reason', 500, 'Why the admin rejects the referral'),
  v.metadata({ examples: ['same billing account'] }),
);

/** A reason code of a fixed list, refused with 400 naming the valid ones when it is not one of them. */
export const reasonCodeSchema = (codes: readonly string[]) =>
  v.pipe(
    v.picklist(codes, `reason_code must be one of ${codes.join(', ')}`),
    v.metadata({ description: `One of ${codes.join(', ')}: kept in the audit trail and carried in the event`, examples: [codes[0]] }),
  );

const LEASE_MESSAGE = `lease_seconds must be a whole number from ${LEASE_SECONDS.min} to ${LEASE_SECONDS.max}`;

/** How long a claim holds a referral, in seconds. */
export const LeaseSecondsSchema = v.pipe(
  v.number(LEASE_MESSAGE),
  v.integer(LEASE_MESSAGE),
  v.minValue(LEASE_SECONDS.min, LEASE_MESSAGE),
  v.maxValue(LEASE_SECONDS.max, LEASE_MESSAGE),
  v.metadata({ description: `${LEASE_SECONDS.min}-${LEASE_SECONDS.max} seconds, ${LEASE_SECONDS.default} by default`, examples: [900] }),
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
