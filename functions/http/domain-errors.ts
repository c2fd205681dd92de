// The one place where what the domain and the adapters throw becomes the API's typed error: a type from
// error-types.ts, its client-safe context, and whether its message is shown. Anything unknown is a generic 500. Errors
// are recognised by their name (each sets its own), so that a function bundles only the error classes it can throw.
import type { LimitReached } from '../billing/errors.js';
import type { IdempotencyKeyReused } from '../idempotency/errors.js';
import type { NotAwaitingReview, ReferralNotFound } from '../referrals/errors.js';
import { ApiError } from './api-error.js';

type HttpError = Error & { statusCode?: number; expose?: boolean };

/** Each domain or dependency error, by its name, as the API answers it. */
const byName: Record<string, (error: Error) => ApiError> = {
  ReferralNotFound: (error) => new ApiError('not_found', { context: { id: (error as ReferralNotFound).attributionId }, cause: error }),
  NotAwaitingReview: (error) => {
    const { attributionId, status } = error as NotAwaitingReview;
    return new ApiError('conflict', { message: error.message, context: { id: attributionId, status }, cause: error });
  },
  InvalidCursor: (error) =>
    new ApiError('invalid_request', {
      message: error.message,
      context: { issues: [{ field: 'queryStringParameters.cursor', message: error.message }] },
      cause: error,
    }),
  LimitReached: (error) => new ApiError((error as LimitReached).kind, { context: (error as LimitReached).context, cause: error }),
  IdempotencyKeyReused: (error) =>
    new ApiError('idempotency_key_reused', {
      context: { idempotency_key_expires_at: (error as IdempotencyKeyReused).expiresAt.toISOString() },
      cause: error,
    }),
  RequestInProgress: (error) => new ApiError('request_in_progress', { cause: error }),
  Contention: (error) => new ApiError('concurrent_update', { cause: error }),
  // A write whose outcome stayed unknown: a retry with the same Idempotency-Key learns what happened.
  WriteOutcomeUnknown: (error) => new ApiError('dependency_unavailable', { context: { write_outcome: 'unknown' }, cause: error }),
  DependencyUnavailable: (error) => new ApiError('dependency_unavailable', { cause: error }),
};

/** Maps what was thrown to the API's typed error, as Powertools' errors.ts and middy's http-error-handler do for theirs. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  const known = error instanceof Error ? byName[error.name] : undefined;
  if (known && error instanceof Error) return known(error);
  const http = error as HttpError;
  // middy's own 4xx (body parser: bad JSON, wrong content type) are invalid input here.
  if (http?.expose && typeof http.statusCode === 'number' && http.statusCode >= 400 && http.statusCode < 500) {
    return new ApiError('invalid_request', {
      message: http.statusCode === 415 ? 'Content-Type must be application/json' : 'Request body must be valid JSON',
      cause: error,
    });
  }
  return new ApiError('internal', { cause: error });
};
