// Idempotency records: a retried request with the same key and the same content gets the first success back, byte for byte.
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { IdempotencyKeyReused } from './errors.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export const IdempotencyRecordSchema = v.object({
  key: v.string(),
  fingerprint: v.string(),
  /** The first success, as JSON text, so that a replay hands back the very same document. */
  result: v.string(),
  expires_at: v.number(),
});
export type IdempotencyRecord = v.InferOutput<typeof IdempotencyRecordSchema>;

/** A success as it is returned and kept: the request id it was first answered under, and its data. */
export type SuccessResult<T> = { requestId: string; data: T };

/** What makes two requests "the same": their content (ids and reason), not the transport details. */
export const fingerprintOf = (content: unknown[]): string => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export const buildIdempotencyRecord = (key: string, fingerprint: string, result: SuccessResult<unknown>, now: Date): IdempotencyRecord => ({
  key,
  fingerprint,
  result: JSON.stringify({ request_id: result.requestId, data: result.data }),
  expires_at: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
});

/** A stored record answers a retry with its first result, or refuses a key reused for other content. */
export const replayStoredResult = <T>(record: IdempotencyRecord, fingerprint: string): SuccessResult<T> => {
  if (record.fingerprint !== fingerprint) {
    throw new IdempotencyKeyReused(new Date(record.expires_at * 1000));
  }
  const stored = JSON.parse(record.result) as { request_id: string; data: T };
  return { requestId: stored.request_id, data: stored.data };
};

/**
 * Which keyed request decided a referral: a digest of the caller, its Idempotency-Key and its content. A bulk
 * decision stores it on each referral it decides, in the referral's own transaction, so that a rerun of the same
 * request (its stored answer lost or never written) recognises its own work instead of calling it a conflict.
 */
export const requestMark = (userId: string, key: string, fingerprint: string): string =>
  createHash('sha256')
    .update(JSON.stringify([userId, key, fingerprint]))
    .digest('base64url')
    .slice(0, 22);

/** DynamoDB TTL deletes expired items only eventually, so expiry is checked on read too. */
export const isLive = (record: IdempotencyRecord | undefined, now: Date): record is IdempotencyRecord =>
  record !== undefined && record.expires_at * 1000 > now.getTime();
