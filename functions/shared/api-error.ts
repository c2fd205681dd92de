// The typed error every layer throws; the error middleware turns it into the response envelope.
import { type ErrorType, errorTypes } from './error-types.js';

export type ErrorContext = Record<string, unknown>;

export class ApiError extends Error {
  readonly type: ErrorType;
  readonly statusCode: number;
  readonly retryable: boolean;
  /** Whether the message may reach the client; as in middy's HttpError, only below 500. */
  readonly expose: boolean;
  /** Client-safe details, returned as `error.context`. */
  readonly context?: ErrorContext;
  /** Extra response headers (Retry-After, rate-limit state). */
  headers: Record<string, string>;

  constructor(
    type: ErrorType,
    options: { message?: string; context?: ErrorContext; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    const spec = errorTypes[type];
    super(options.message ?? spec.msg, { cause: options.cause });
    this.name = 'ApiError';
    this.type = type;
    this.statusCode = spec.status;
    this.retryable = spec.retryable;
    this.expose = spec.status < 500;
    this.context = options.context;
    this.headers = options.headers ?? {};
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** A dependency (DynamoDB, the JWKS host) failed in a way a later retry may get past. */
export const dependencyUnavailable = (cause: unknown): ApiError => new ApiError('dependency_unavailable', { cause });

/**
 * A write that may or may not have been applied: its answer was lost and every resend also went unanswered before
 * the deadline. Answered as a retryable 500 whose context says so; a retry with the same Idempotency-Key learns
 * what happened.
 */
export class WriteOutcomeUnknown extends ApiError {
  constructor(cause: unknown) {
    super('dependency_unavailable', { cause, context: { write_outcome: 'unknown' } });
  }
}

export const isWriteOutcomeUnknown = (error: unknown): error is WriteOutcomeUnknown => error instanceof WriteOutcomeUnknown;
