// GET …/referrals/{id}: one referral with its rewards and its audit trail. Its path, price, request, function and contract.
import * as v from 'valibot';
import { chargeAfterSuccess } from '../../billing/charge.js';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { ReferralRecordSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { ATTRIBUTION_EXAMPLE, READ_ONE_ERRORS } from './common.js';

const GetReferralRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
});

export const getReferralRoute = {
  name: 'getReferral' as const,
  method: 'GET',
  path: `${ADMIN_API}/referrals/{id}`,
  permission: 'referrals:read',
  credits: 1,
  // Changes nothing: a success is charged after it.
  chargedBy: chargeAfterSuccess,
  successMetric: 'ReferralReads',
  request: GetReferralRequestSchema,
  toInput: (parsed): string => parsed.pathParameters.id,
} satisfies Route<typeof GetReferralRequestSchema, string>;

/** Its Lambda function: the handler's entry and the table actions it may use. */
export const getReferralFunction: RouteFunction = {
  id: 'GetReferralFunction',
  entry: 'functions/handlers/review-queue/get-handler.ts',
  grants: { referrals: ['dynamodb:Query'], usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const getReferralContract: RouteContract = {
  operationId: 'getReferral',
  summary: 'Read one referral with its rewards and its audit trail',
  description:
    'The attribution with its claim, its rewards, its activity items newest first, and its notes oldest first. A held ' +
    'referral carries held_at and age_seconds.',
  pathParameters: { id: AttributionIdSchema },
  success: {
    status: 200,
    component: 'referrals.adminReferralDetailResponseDoc',
    schema: ReferralRecordSchema,
    description: 'The referral',
    example: { attribution: { ...ATTRIBUTION_EXAMPLE, claim: null, age_seconds: 3600 }, rewards: [], activity: [], notes: [] },
    idempotent: false,
  },
  errors: READ_ONE_ERRORS,
};
