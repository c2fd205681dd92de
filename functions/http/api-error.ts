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
