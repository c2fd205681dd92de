// Builders of the values tests need again and again, each with sound defaults and the overrides a test states.
import * as v from 'valibot';
import type { Principal } from '../../functions/auth/principal.js';
import { chargeAfterSuccess } from '../../functions/billing/charge.js';
import type { Route } from '../../functions/http/route.js';
import type { Attribution } from '../../functions/referrals/attribution.js';

/** A route of a function that reads nothing: GET /things, 1 credit, charged after its success, taking the body as it came. */
export const aRoute = (overrides: Partial<Route<v.GenericSchema, unknown>> = {}): Route<v.GenericSchema, unknown> => ({
  name: 'things',
  method: 'GET',
  path: '/things',
  permission: 'referrals:read',
  credits: 1,
  chargedBy: chargeAfterSuccess,
  successMetric: 'Things',
  request: v.object({ body: v.unknown() }),
  toInput: (parsed) => (parsed as { body: unknown }).body,
  ...overrides,
});

/** An admin with an API key on the pro plan, without overage. */
export const aPrincipal = (overrides: Partial<Principal> = {}): Principal => ({
  userId: 'admin-user',
  subjectId: 'key_1',
  authMethod: 'api_key',
  plan: 'pro',
  overageEnabled: false,
  ...overrides,
});

/** A referral held for review, as the fraud checks leave it. */
export const aHeldAttribution = (overrides: Partial<Attribution> = {}): Attribution => ({
  id: 'attr-1',
  status: 'review_required',
  code: 'A1B2C3D4E5F6',
  created_at: '2026-11-01T09:30:00.000Z',
  referrer_user_id: 'user-referrer',
  referred_user_id: 'user-referred',
  review_reason: 'same_stripe_customer',
  risk_flags: ['same_stripe_customer'],
  ...overrides,
});

/**
 * A path of the route with its `{id}` as the test wrote it, not percent-encoded as pathTo does: a test sends an id
 * exactly as a client may put it on the wire (`%ZZ`, `a%2Fb`, a hostile string). The id goes in through a function,
 * since a replacement string would read a `$&` or `$'` in it as a pattern.
 */
export const rawPathTo = (route: Pick<Route, 'path'>, id: string): string => route.path.replace('{id}', () => id);
