// The reject route's public contract: what the OpenAPI document says of it, taken from the schemas the function validates with.
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { RejectBodyDocSchema } from '../../referrals/reject-request.js';
import { IdempotencyKeySchema } from '../../referrals/request-fields.js';
import { RejectedResponseSchema } from '../../referrals/review-response.js';
import type { RouteContract } from '../../shared/contract.js';
import { routes } from '../../shared/routes.js';

export const rejectReferralContract: RouteContract = {
  route: routes.rejectReferral,
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
  errors: [
    'invalid_request',
    'unauthorized',
    'not_found',
    'conflict',
    'concurrent_update',
    'request_in_progress',
    'idempotency_key_reused',
    'rate_limited',
    'daily_cap_reached',
    'credits_exhausted',
    'internal',
    'dependency_unavailable',
  ],
};
