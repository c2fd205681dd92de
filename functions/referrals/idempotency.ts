// Idempotency records: a retried request with the same key and the same content gets the first success back.
import { createHash } from 'node:crypto';
import { ApiError } from '../shared/api-error.js';
import type { RejectRequest } from './reject-request.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export type StoredResponse = { statusCode: number; body: string };

export type IdempotencyRecord = {
  key: string;
  fingerprint: string;
  response: StoredResponse;
  expires_at: number;
};

/** What makes two requests "the same": the attribution and the reason, not the transport details. */
export const fingerprintRequest = (request: RejectRequest): string =>
  createHash('sha256')
    .update(JSON.stringify([request.attributionId, request.reason ?? null]))
    .digest('hex');

export const buildIdempotencyRecord = (key: string, request: RejectRequest, response: StoredResponse, now: Date): IdempotencyRecord => ({
  key,
  fingerprint: fingerprintRequest(request),
  response,
  expires_at: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
});

/** A stored record answers a retry with its first response, or refuses a key reused for other content. */
export const replayStoredResponse = (record: IdempotencyRecord, request: RejectRequest): StoredResponse => {
  if (record.fingerprint !== fingerprintRequest(request)) {
    throw new ApiError('idempotency_key_reused', { context: { idempotency_key_expires_at: new Date(record.expires_at * 1000).toISOString() } });
  }
  return record.response;
};

export const isLive = (record: IdempotencyRecord | undefined, now: Date): record is IdempotencyRecord =>
  record !== undefined && record.expires_at * 1000 > now.getTime();
