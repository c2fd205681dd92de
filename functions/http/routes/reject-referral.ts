// POST …/referrals/{id}/reject: reject one referral held for review. Its path, price, request, function and contract.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import type { RejectRequest } from '../../referrals/reject-one.js';
import { AttributionPathIdSchema } from '../path-id.js';
import { IdempotencyKeySchema, ReasonSchema, SentOnceSchema } from '../request-fields.js';
import { MAX_BODY_BYTES } from '../request-limits.js';
import { RejectedResponseSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { DECISION_ERRORS } from './common.js';

const BODY_SHAPE = 'body must be a JSON object whose only field is reason';

/** The body's shape, as documented (`referrals.adminReferralRejectRequestDoc`). */
export const RejectBodyDocSchema = v.strictObject({ reason: v.optional(ReasonSchema) }, BODY_SHAPE);

const RejectRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  body: v.optional(
    v.pipe(
      // valibot's object schemas accept arrays (typeof [] is "object"); a JSON array is not a valid body.
      v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BODY_SHAPE),
      RejectBodyDocSchema,
    ),
  ),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const rejectReferralRoute = {
  name: 'rejectReferral' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/{id}/reject`,
  credits: 1,
  charge: 'by_route',
  successMetric: 'Rejections',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: RejectRequestSchema,
  toInput: (parsed): RejectRequest => ({
    attributionId: parsed.pathParameters.id,
    ...(parsed.body?.reason === undefined ? {} : { reason: parsed.body.reason }),
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof RejectRequestSchema, RejectRequest>;

/** Its Lambda function: the handler's entry and the table actions it may use. */
export const rejectReferralFunction: RouteFunction = {
  id: 'RejectReferralFunction',
  entry: 'functions/handlers/reject-referral/handler.ts',
  grants: {
    referrals: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const rejectReferralContract: RouteContract = {
  operationId: 'rejectReferral',
  summary: 'Reject a referral held for review',
  description:
    'Moves a `review_required` attribution to `rejected` without granting any reward credits. ' +
    'The change, its usage record and its idempotency record are one DynamoDB transaction.',
  pathParameters: { id: AttributionIdSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: 'referrals.adminReferralRejectRequestDoc',
    schema: RejectBodyDocSchema,
    required: false,
    example: { reason: 'same billing account' },
  },
  success: {
    status: 200,
    component: 'referrals.adminReferralReviewResponseDoc',
    schema: RejectedResponseSchema,
    description: 'The referral, rejected, with its rewards (none granted)',
    example: {
      attribution: {
        id: 'attr-1',
        status: 'rejected',
        code: 'A1B2C3D4E5F6',
        referred_user_id: 'user-referred',
        referrer_user_id: 'user-referrer',
        review_reason: 'same_stripe_customer',
        reviewed_at: '2026-11-27T10:00:00.000Z',
        reviewed_by: 'admin-user',
        risk_flags: ['same_stripe_customer'],
      },
      rewards: [],
    },
    idempotent: true,
  },
  errors: DECISION_ERRORS,
};
