// The rate-limit state as HTTP headers, on every response past the authorizer: the edge's rendering of admission.
import type { RateLimitState } from '../../billing/admission.js';
import { secondsUntil } from '../../billing/windows.js';

/** The IETF httpapi ratelimit-headers (draft 10) fields and the conventional X-RateLimit-* ones. */
export const rateLimitHeaders = ({ limit, used, resetAt }: RateLimitState, now: Date): Record<string, string> => {
  const remaining = Math.max(0, limit - used);
  const resetSeconds = secondsUntil(resetAt, now);
  return {
    'ratelimit-policy': `"per-minute";q=${limit};w=60`,
    ratelimit: `"per-minute";r=${remaining};t=${resetSeconds}`,
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(resetAt.getTime() / 1000)),
  };
};
