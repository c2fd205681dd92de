// DELETE …/referrals/{id}/claim: release one's own claim, or, with force and referrals:override_claim, another's.
// Its request, price, function and contract.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import type { ReleaseRequest } from '../../referrals/claim-one.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { IdempotencyKeySchema, SentOnceSchema } from '../request-fields.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { CLAIM_GRANTS, ClaimResponseSchema } from './claim-referral.js';
import { ATTRIBUTION_EXAMPLE, CLAIM_ERRORS } from './common.js';

const ForceSchema = v.pipe(
  v.picklist(['true', 'false'], 'force must be true or false'),
  v.metadata({ description: "true releases another reviewer's claim: the caller needs referrals:override_claim" }),
);

const ReleaseRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  queryStringParameters: v.nullish(v.strictObject({ force: v.optional(ForceSchema) }, 'unknown query parameter: only force is accepted')),
  multiValueQueryStringParameters: v.nullish(
    v.record(
      v.string(),
      v.pipe(
        v.array(v.string()),
        v.check((values) => values.length <= 1, 'a query parameter must be given at most once'),
      ),
    ),
  ),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const releaseClaimRoute = {
  name: 'releaseClaim' as const,
  method: 'DELETE',
  path: `${ADMIN_API}/referrals/{id}/claim`,
  permission: 'referrals:claim',
  credits: 1,
  chargedBy: 'use_case',
  successMetric: 'ClaimReleases',
  request: ReleaseRequestSchema,
  toInput: (parsed): ReleaseRequest => ({
    attributionId: parsed.pathParameters.id,
    ...(parsed.queryStringParameters?.force === 'true' ? { force: true } : {}),
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof ReleaseRequestSchema, ReleaseRequest>;

/** Its Lambda function. */
export const releaseClaimFunction: RouteFunction = {
  id: 'ReleaseClaimFunction',
  entry: 'functions/handlers/release-claim/handler.ts',
  grants: CLAIM_GRANTS,
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const releaseClaimContract: RouteContract = {
  operationId: 'releaseClaim',
  summary: "Release one's claim on a referral",
  description:
    "Removes the caller's claim; a referral nobody holds (or whose claim expired) answers 200 as well. Another reviewer's " +
    'unexpired claim is a 409 `claimed`, unless `force=true` by a caller with `referrals:override_claim`, which releases it ' +
    'and records an activity item `claim_released` naming whose claim it was.',
  pathParameters: { id: AttributionIdSchema },
  queryParameters: { force: ForceSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  success: {
    status: 200,
    component: 'referrals.adminReferralReleaseResponseDoc',
    schema: ClaimResponseSchema,
    description: 'The referral, held by nobody',
    example: { attribution: { ...ATTRIBUTION_EXAMPLE, claim: null }, rewards: [], claim: null },
    idempotent: true,
  },
  errors: CLAIM_ERRORS,
};
