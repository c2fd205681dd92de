// The response headers the OpenAPI document describes: the request id and the rate-limit headers the functions send.
import type { JsonSchema } from './schemas.js';

const header = (description: string, schema: JsonSchema, example: unknown, required = false) => ({
  description,
  ...(required ? { required } : {}),
  schema,
  example,
});

export const HEADERS = {
  'x-request-id': header(
    "The id API Gateway generated for the request, as the envelope's request_id; on every response of the function",
    { type: 'string' },
    'c0a8f2b4-5d1e-4c9b-9d7e-1f2a3b4c5d6e',
    true,
  ),
  'RateLimit-Policy': header('The per-minute quota (IETF httpapi ratelimit-headers)', { type: 'string' }, '"per-minute";q=120;w=60'),
  RateLimit: header('Requests remaining and seconds until the window resets', { type: 'string' }, '"per-minute";r=117;t=42'),
  'X-RateLimit-Limit': header('Requests per minute', { type: 'string', pattern: '^[0-9]+$' }, '120'),
  'X-RateLimit-Remaining': header('Requests left in this minute', { type: 'string', pattern: '^[0-9]+$' }, '117'),
  'X-RateLimit-Reset': header('Unix time (seconds) when the window resets', { type: 'string', pattern: '^[0-9]+$' }, '1795615740'),
  'Retry-After': header('Seconds until the limit that was hit resets', { type: 'string', pattern: '^[0-9]+$' }, '42'),
  'Idempotent-Replayed': header('Present on a replay of the first success made with the same Idempotency-Key', { const: 'true' }, 'true'),
};

/**
 * The headers of a response, written out: a header is `required` only when every answer of that status carries it
 * (a generated client then types it as always there), and optional otherwise, e.g. Idempotent-Replayed.
 */
export const headersOf = (names: (keyof typeof HEADERS)[], required: boolean) =>
  Object.fromEntries(names.map((name) => [name, { ...HEADERS[name], required: required && name !== 'Idempotent-Replayed' }]));

export const RATE_LIMIT_HEADERS: (keyof typeof HEADERS)[] = [
  'RateLimit-Policy',
  'RateLimit',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
];
