// Translates DynamoDB SDK failures into the domain's errors; no code above the adapters knows an SDK error name.
import { DependencyUnavailable } from '../shared/dependency-errors.js';

type SdkError = { name?: string; code?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };

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

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);

/** True for failures a later retry may get past: throttling, 5xx, timeouts and dropped connections. */
export const isTransientDynamoError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkError;
  return (
    TRANSIENT_NAMES.has(e.name ?? '') ||
    e.$retryable !== undefined ||
    e.$fault === 'server' ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500 ||
    NETWORK_CODES.has(e.code ?? '')
  );
};

/** Refusals DynamoDB gives before acting: throttled, or no connection made. */
const NOT_APPLIED_NAMES = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/**
 * True when a write may have been applied though no answer says so: a dropped or stalled connection, a timeout, a
 * 5xx, or the same token still in progress. Throttling and a refused connection are definite: nothing was applied.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
export const isUnknownOutcome = (error: unknown): boolean => {
  if (!isTransientDynamoError(error)) return false;
  const e = error as SdkError;
  return !NOT_APPLIED_NAMES.has(e.name ?? '') && e.code !== 'ECONNREFUSED';
};

/** Runs one DynamoDB call; a transient failure (after the SDK's own retries) becomes DependencyUnavailable. */
export const callDynamo = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (isTransientDynamoError(error)) throw new DependencyUnavailable(error);
    throw error;
  }
};
