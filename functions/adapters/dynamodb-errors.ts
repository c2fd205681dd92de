// Classifies DynamoDB SDK failures into the API's error types.
import { ApiError } from '../shared/api-error.js';

type SdkError = { name?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TimeoutError',
  'RequestTimeout',
  'AbortError',
]);

/** True for failures a later retry may get past: throttling, 5xx, timeouts and dropped connections. */
export const isTransientDynamoError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkError;
  return (
    TRANSIENT_NAMES.has(e.name ?? '') ||
    e.$retryable !== undefined ||
    e.$fault === 'server' ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes((error as { code?: string }).code ?? '')
  );
};

export const dependencyUnavailable = (cause: unknown): ApiError => new ApiError('dependency_unavailable', { cause });
