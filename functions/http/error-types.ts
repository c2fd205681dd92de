// Every error type the API answers with: its HTTP status, its public message and whether a retry may succeed.
export const errorTypes = {
  invalid_request: { status: 400, msg: 'Invalid input or missing required parameter', retryable: false },
  unauthorized: { status: 401, msg: 'Authentication required', retryable: false },
  forbidden: {
    status: 403,
    msg: 'Not an admin credential: an admin API key or a console token with role admin is required',
    retryable: false,
  },
  access_denied: { status: 403, msg: 'Access denied', retryable: false },
  insufficient_permissions: { status: 403, msg: 'This credential lacks the permission this route requires', retryable: false },
  request_blocked: { status: 403, msg: 'Request blocked by the firewall: bodies over 16 KB are refused', retryable: false },
  not_found: { status: 404, msg: 'Referral attribution not found', retryable: false },
  route_not_found: { status: 404, msg: 'Route not found', retryable: false },
  conflict: { status: 409, msg: 'Referral attribution is not awaiting review', retryable: false },
  claimed: { status: 409, msg: 'Another reviewer holds a claim on this referral', retryable: false },
  reopen_window_closed: { status: 409, msg: 'The referral was rejected too long ago to be reopened', retryable: false },
  request_in_progress: { status: 409, msg: 'A request with this idempotency key is in progress', retryable: true },
  unsupported_media_type: { status: 415, msg: 'Unsupported media type', retryable: false },
  concurrent_update: { status: 409, msg: 'The account or referral is being updated by another request', retryable: true },
  idempotency_key_reused: { status: 422, msg: 'Idempotency key was used with a different request', retryable: false },
  rate_limited: { status: 429, msg: 'Plan rate limit exceeded', retryable: true },
  daily_cap_reached: { status: 429, msg: 'Plan daily credit cap reached', retryable: true },
  credits_exhausted: { status: 429, msg: 'Plan included credits exhausted', retryable: true },
  internal: { status: 500, msg: 'Internal server error', retryable: false },
  dependency_unavailable: { status: 500, msg: 'Internal server error', retryable: true },
  upstream_failure: { status: 502, msg: 'The request could not be completed', retryable: true },
  gateway_timeout: { status: 504, msg: 'Upstream timed out', retryable: true },
} as const satisfies Record<string, { status: number; msg: string; retryable: boolean }>;

export type ErrorType = keyof typeof errorTypes;
