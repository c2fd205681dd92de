// What several route modules state alike: the errors a route's function can answer with, by kind of route, and examples.
import type { RouteContract } from '../route.js';

/** A route that only reads: bad input, no principal or permission, its charge contended or refused, a failed dependency. */
export const READ_ERRORS = [
  'invalid_request',
  'unauthorized',
  'insufficient_permissions',
  'concurrent_update',
  'rate_limited',
  'daily_cap_reached',
  'credits_exhausted',
  'internal',
  'dependency_unavailable',
] as const satisfies RouteContract['errors'];

/** A route that writes under an Idempotency-Key: a read's errors, and the key's own. */
export const WRITE_ERRORS = [...READ_ERRORS, 'request_in_progress', 'idempotency_key_reused'] as const satisfies RouteContract['errors'];

/** A route that reads one referral: a read's errors, and a missing referral. */
export const READ_ONE_ERRORS = [...READ_ERRORS, 'not_found'] as const satisfies RouteContract['errors'];

/** A route that decides on one referral: a write's errors, a missing referral, and one not awaiting review. */
export const DECISION_ERRORS = [...WRITE_ERRORS, 'not_found', 'conflict', 'claimed'] as const satisfies RouteContract['errors'];

/** A route that changes a claim: a write's errors, a missing referral, one not held for review, one another holds. */
export const CLAIM_ERRORS = [...WRITE_ERRORS, 'not_found', 'conflict', 'claimed'] as const satisfies RouteContract['errors'];

/** A JSON object body, not an array or a scalar: valibot's object schemas accept arrays (typeof [] is "object"). */
export const isJsonObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

/** An attribution held for review, as the examples of the read routes show it. */
export const ATTRIBUTION_EXAMPLE = {
  id: 'attr-1',
  status: 'review_required',
  code: 'A1B2C3D4E5F6',
  created_at: '2026-11-01T09:30:00.000Z',
  held_at: '2026-11-04T08:00:00.000Z',
  referrer_user_id: 'user-referrer',
  referred_user_id: 'user-referred',
  review_reason: 'same_stripe_customer',
  risk_flags: ['same_stripe_customer'],
} as const;
