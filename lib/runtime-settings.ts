// Settings the stack deploys and the local emulation enforces alike: one home for each number.
/** Every function's timeout; API Gateway's own integration timeout (29 s) is longer, so a slow function fails first. */
export const FUNCTION_TIMEOUT_SECONDS = 10;
export const FUNCTION_MEMORY_MB = 1024;
/**
 * The reconciler's own timeout: long enough for a backlog of thousands of stale reservations after an outage
 * (tests/integration/reconcile-backlog.test.ts), under the schedule's five minutes, so that passes rarely overlap.
 */
export const RECONCILER_TIMEOUT_SECONDS = 120;
/**
 * The review backlog pass's own timeout: room to read the whole queue, up to its budget of 800,000 entries (800 pages of
 * about 0.5 MB, four shards at a time), under the schedule's five minutes.
 */
export const BACKLOG_TIMEOUT_SECONDS = 60;
/**
 * Every request body reaches the functions as the client's bytes, base64-encoded (isBase64Encoded true), so that
 * they decode it strictly and refuse invalid UTF-8 instead of reading whatever a text conversion made of it.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html
 */
export const BINARY_MEDIA_TYPES = ['*/*'];

/**
 * How the stream readers' event source mappings hand records over, deployed by lib/constructs/stream-reading.ts and
 * followed by npm start's stream poller: at most this many records an invocation, and this many retries of a failing
 * batch (splitting a batch in two does not count) before its records are discarded to the dead-letter queue.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html
 */
export const STREAM_BATCH_SIZE = 100;
export const STREAM_RETRY_ATTEMPTS = 5;

/**
 * The REQUEST authorizer's result cache, as the stack deploys it and the emulation applies it. Off (TTL 0): API Gateway
 * answers 401 itself when any identity source is missing, and a caller sends one of two credential headers, never
 * both. Permissions do not rely on it either way: the policy allows the whole stage, and each function checks its own
 * route's permission against the permissions the authorizer put in the context, so a cached result stays right for
 * every route (docs/architecture.md).
 */
export const AUTHORIZER_CACHE: { ttlSeconds: number; identityHeaders: readonly string[] } = { ttlSeconds: 0, identityHeaders: [] };
