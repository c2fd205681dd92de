// The one place where what the domain and the adapters throw becomes the API's typed error: by each error's stable
// code, a type from error-types.ts, whether its own message is shown, and its client-safe context (by default the
// data it carries). Anything unknown is a generic 500. Only the types of the errors are imported here, so that a
// function bundles only the error classes it can throw.
import type { InsufficientPermissions } from '../auth/permissions.js';
import type { LimitReached } from '../billing/errors.js';
import type { IdempotencyKeyReused, RequestInProgress } from '../idempotency/errors.js';
import type { ReferralClaimed } from '../referrals/claims.js';
import type { InvalidCursor, NotAwaitingReview, ReferralNotFound, ReopenWindowClosed } from '../referrals/errors.js';
import type { Contention, DependencyUnavailable, WriteOutcomeUnknown } from '../shared/dependency-errors.js';
import { DomainError } from '../shared/domain-error.js';
import { ApiError, type ErrorContext } from './api-error.js';
import type { ErrorType } from './error-types.js';

type KnownError =
  | InsufficientPermissions
  | ReferralNotFound
  | NotAwaitingReview
  | ReferralClaimed
  | ReopenWindowClosed
  | InvalidCursor
  | LimitReached
  | IdempotencyKeyReused
  | RequestInProgress
  | Contention
  | WriteOutcomeUnknown
  | DependencyUnavailable;

type Answer = {
  type: ErrorType;
  /** The error's own message reaches the client (below 500 only), instead of the type's. */
  ownMessage?: true;
  /** The client-safe context, when it is not the data the error carries. */
  context?: (error: DomainError) => ErrorContext | undefined;
};

/** Each known code, as the API answers it. */
const byCode: Record<KnownError['code'], Answer> = {
  'AUTH.INSUFFICIENT_PERMISSIONS': { type: 'insufficient_permissions' },
  'REFERRAL.NOT_FOUND': { type: 'not_found' },
  'REFERRAL.NOT_AWAITING_REVIEW': { type: 'conflict', ownMessage: true },
  'REFERRAL.CLAIMED': { type: 'claimed', ownMessage: true },
  'REFERRAL.REOPEN_WINDOW_CLOSED': { type: 'reopen_window_closed', ownMessage: true },
  'REFERRAL.INVALID_CURSOR': {
    type: 'invalid_request',
    ownMessage: true,
    context: (error) => ({ issues: [{ field: 'queryStringParameters.cursor', message: error.message }] }),
  },
  'BILLING.RATE_LIMITED': { type: 'rate_limited' },
  'BILLING.DAILY_CAP_REACHED': { type: 'daily_cap_reached' },
  'BILLING.CREDITS_EXHAUSTED': { type: 'credits_exhausted' },
  'IDEMPOTENCY.KEY_REUSED': { type: 'idempotency_key_reused' },
  'IDEMPOTENCY.REQUEST_IN_PROGRESS': { type: 'request_in_progress' },
  'DEPENDENCY.CONTENTION': { type: 'concurrent_update' },
  // A write whose outcome stayed unknown: its context says so, and a retry with the same Idempotency-Key learns what happened.
  'DEPENDENCY.WRITE_OUTCOME_UNKNOWN': { type: 'dependency_unavailable' },
  'DEPENDENCY.UNAVAILABLE': { type: 'dependency_unavailable' },
};

const isKnownCode = (code: string): code is KnownError['code'] => Object.hasOwn(byCode, code);

/** middy's own errors (the body parser's) carry their status and whether it may be shown. */
const isHttpError = (error: unknown): error is Error & { statusCode: number; expose?: boolean } =>
  error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number';

/** Maps what was thrown to the API's typed error, as Powertools' errors.ts and middy's http-error-handler do for theirs. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError && isKnownCode(error.code)) {
    const answer = byCode[error.code];
    const context = answer.context ? answer.context(error) : error.details;
    return new ApiError(answer.type, {
      ...(answer.ownMessage ? { message: error.message } : {}),
      ...(context && Object.keys(context).length > 0 ? { context } : {}),
      cause: error,
    });
  }
  // middy's own 4xx (body parser: bad JSON, wrong content type) are invalid input here.
  if (isHttpError(error) && error.expose && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('invalid_request', {
      message: error.statusCode === 415 ? 'Content-Type must be application/json' : 'Request body must be valid JSON',
      cause: error,
    });
  }
  return new ApiError('internal', { cause: error });
};
