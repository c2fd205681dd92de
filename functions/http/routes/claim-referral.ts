// POST …/referrals/{id}/claim: claim one held referral for a while, or renew one's own claim. Its request, price,
// function and contract.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import type { ClaimRequest } from '../../referrals/claim-one.js';
import { ClaimSchema } from '../../referrals/claims.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { IdempotencyKeySchema, LeaseSecondsSchema, SentOnceSchema } from '../request-fields.js';
import { ReviewResponseSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { ATTRIBUTION_EXAMPLE, CLAIM_ERRORS, isJsonObject } from './common.js';

const BODY_SHAPE = 'body must be a JSON object whose only field is lease_seconds';

/** The body's shape, as documented (`referrals.adminReferralClaimRequestDoc`). */
export const ClaimBodySchema = v.strictObject({ lease_seconds: v.optional(LeaseSecondsSchema) }, BODY_SHAPE);

const ClaimRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  body: v.optional(v.pipe(v.custom<Record<string, unknown>>(isJsonObject, BODY_SHAPE), ClaimBodySchema)),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const claimReferralRoute = {
  name: 'claimReferral' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/{id}/claim`,
  permission: 'referrals:claim',
  credits: 1,
  chargedBy: 'use_case',
  successMetric: 'Claims',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: ClaimRequestSchema,
  toInput: (parsed): ClaimRequest => ({
    attributionId: parsed.pathParameters.id,
    ...(parsed.body?.lease_seconds === undefined ? {} : { leaseSeconds: parsed.body.lease_seconds }),
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof ClaimRequestSchema, ClaimRequest>;

/** The table actions a claim or a release uses: the referral's read and update, a forced release's activity item, the charge. */
export const CLAIM_GRANTS: RouteFunction['grants'] = {
  referrals: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
  usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
};

/** Its Lambda function. */
export const claimReferralFunction: RouteFunction = {
  id: 'ClaimReferralFunction',
  entry: 'functions/handlers/claim-referral/handler.ts',
  grants: CLAIM_GRANTS,
};

/** A claim's answer: the referral with its claim, and the claim again. */
export const ClaimResponseSchema = /* @__PURE__ */ v.object({
  ...ReviewResponseSchema.entries,
  claim: v.nullable(ClaimSchema),
});

/** What the OpenAPI document says of the route; no function bundles it. */
export const claimReferralContract: RouteContract = {
  operationId: 'claimReferral',
  summary: 'Claim a referral held for review for a while',
  description:
    'Sets the claim of a `review_required` referral to the caller for `lease_seconds` (900 by default): when nobody holds ' +
    "it, when its claim expired, or when the caller holds it already (a renewal). Another reviewer's unexpired claim is a 409 " +
    '`claimed` naming it. Expiry is judged by the server clock inside the write. While the claim runs, only its holder can ' +
    'decide the referral. The claim, its usage record and its idempotency record are one DynamoDB transaction.',
  pathParameters: { id: AttributionIdSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: { component: 'referrals.adminReferralClaimRequestDoc', schema: ClaimBodySchema, required: false, example: { lease_seconds: 900 } },
  success: {
    status: 200,
    component: 'referrals.adminReferralClaimResponseDoc',
    schema: ClaimResponseSchema,
    description: 'The referral, claimed by the caller',
    example: {
      attribution: { ...ATTRIBUTION_EXAMPLE, claim: { by: 'admin-user', until: '2026-11-27T10:15:00.000Z' } },
      rewards: [],
      claim: { by: 'admin-user', until: '2026-11-27T10:15:00.000Z' },
    },
    idempotent: true,
  },
  errors: CLAIM_ERRORS,
};
