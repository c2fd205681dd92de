// The typed error every layer throws; the error middleware turns it into the response envelope.
import { errorTypes, type ErrorType } from './error-types.js';

export type ErrorContext = Record<string, unknown>;

export class ApiError extends Error {
  readonly type: ErrorType;
  readonly statusCode: number;
  readonly retryable: boolean;
  /** Client-safe details, returned as `error.context`. */
  readonly context?: ErrorContext;
  /** Extra response headers (Retry-After, rate-limit state). */
  headers: Record<string, string>;
  readonly expose = true;

  constructor(type: ErrorType, options: { message?: string; context?: ErrorContext; headers?: Record<string, string>; cause?: unknown } = {}) {
    const spec = errorTypes[type];
    super(options.message ?? spec.msg, { cause: options.cause });
    this.name = 'ApiError';
    this.type = type;
    this.statusCode = spec.status;
    this.retryable = spec.retryable;
    this.context = options.context;
    this.headers = options.headers ?? {};
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
