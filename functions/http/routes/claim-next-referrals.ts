// POST …/referrals/claims: claim the next few held referrals nobody holds, oldest first. Its request, price, function
// and contract.
import * as v from 'valibot';
import { QUEUE_INDEX } from '../../adapters/referrals-table.js';
import { AttributionSchema } from '../../referrals/attribution.js';
import type { ClaimNextRequest } from '../../referrals/claim-next.js';
import { MAX_CLAIM_NEXT } from '../../referrals/claims.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { LeaseSecondsSchema } from '../request-fields.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { ATTRIBUTION_EXAMPLE, isJsonObject, READ_ERRORS } from './common.js';

const BODY_SHAPE = 'body must be a JSON object with count and optional lease_seconds and referrer_user_id';
const COUNT_MESSAGE = `count must be a whole number from 1 to ${MAX_CLAIM_NEXT}`;

/** The body's shape, as documented (`referrals.adminReferralClaimNextRequestDoc`). */
export const ClaimNextBodySchema = v.strictObject(
  {
    count: v.pipe(
      v.number(COUNT_MESSAGE),
      v.integer(COUNT_MESSAGE),
      v.minValue(1, COUNT_MESSAGE),
      v.maxValue(MAX_CLAIM_NEXT, COUNT_MESSAGE),
      v.metadata({ description: `How many to claim: 1-${MAX_CLAIM_NEXT}; fewer come back when fewer are free`, examples: [10] }),
    ),
    lease_seconds: v.optional(LeaseSecondsSchema),
    referrer_user_id: v.optional(
      v.pipe(
        v.string('referrer_user_id must be a string'),
        v.minLength(1, 'referrer_user_id must not be empty'),
        v.maxLength(256, 'referrer_user_id must be at most 256 characters'),
        v.metadata({ description: "Only this referrer's referrals" }),
      ),
    ),
  },
  BODY_SHAPE,
);

const ClaimNextRequestSchema = v.object({
  body: v.pipe(v.custom<Record<string, unknown>>(isJsonObject, BODY_SHAPE), ClaimNextBodySchema),
});

export const claimNextRoute = {
  name: 'claimNextReferrals' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/claims`,
  permission: 'referrals:claim',
  credits: 1,
  // Its use case charges the request's credit beside its first claims, and gives them back if the charge is refused.
  chargedBy: 'use_case',
  successMetric: 'ClaimNexts',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: ClaimNextRequestSchema,
  toInput: (parsed): ClaimNextRequest => ({
    count: parsed.body.count,
    ...(parsed.body.lease_seconds === undefined ? {} : { leaseSeconds: parsed.body.lease_seconds }),
    ...(parsed.body.referrer_user_id === undefined ? {} : { referrerUserId: parsed.body.referrer_user_id }),
  }),
} satisfies Route<typeof ClaimNextRequestSchema, ClaimNextRequest>;

/** Its Lambda function: the queue index's read, the claims' updates, and the charge. */
export const claimNextFunction: RouteFunction = {
  id: 'ClaimNextReferralsFunction',
  entry: 'functions/handlers/claim-next-referrals/handler.ts',
  grants: { referrals: ['dynamodb:UpdateItem'], usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  indexGrants: { referrals: { [QUEUE_INDEX]: ['dynamodb:Query'] } },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const claimNextContract: RouteContract = {
  operationId: 'claimNextReferrals',
  summary: 'Claim the next held referrals nobody holds',
  description:
    'Claims for the caller up to `count` of the oldest referrals held for review that nobody holds (or whose claim expired), ' +
    'in queue order, and answers them with their claims; fewer, or none, when fewer are free. Concurrent callers never ' +
    'receive the same referral: one taken by someone else between the read and the write is skipped. It sees past up to ' +
    '200 older referrals held by others; beyond them it may answer fewer than it could. Costs 1 credit a request.',
  body: {
    component: 'referrals.adminReferralClaimNextRequestDoc',
    schema: ClaimNextBodySchema,
    required: true,
    example: { count: 10, lease_seconds: 900 },
  },
  success: {
    status: 200,
    component: 'referrals.adminReferralClaimNextResponseDoc',
    schema: v.object({ items: v.pipe(v.array(AttributionSchema), v.metadata({ description: 'Oldest first, each with its claim' })) }),
    description: 'The referrals now held by the caller',
    example: { items: [{ ...ATTRIBUTION_EXAMPLE, claim: { by: 'admin-user', until: '2026-11-27T10:15:00.000Z' } }] },
    idempotent: false,
  },
  errors: READ_ERRORS,
};
