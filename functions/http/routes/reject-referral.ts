// POST …/referrals/{id}/reject: reject one referral held for review. Its decision, function and contract.
import { REJECT } from '../../referrals/decision.js';
import { decisionContract, decisionFunction, decisionRoute } from './decision-route.js';

export const rejectReferralRoute = decisionRoute({ name: 'rejectReferral', decision: REJECT, successMetric: 'Rejections' });

/** Its Lambda function. */
export const rejectReferralFunction = /* @__PURE__ */ decisionFunction(
  'RejectReferralFunction',
  'functions/handlers/reject-referral/handler.ts',
);

/** What the OpenAPI document says of the route; no function bundles it. */
export const rejectReferralContract = /* @__PURE__ */ decisionContract({
  operationId: 'rejectReferral',
  decision: REJECT,
  summary: 'Reject a referral held for review',
  description:
    'Moves a `review_required` attribution to `rejected` without granting any reward credits. ' +
    'The change, its activity item, its usage record and its idempotency record are one DynamoDB transaction.',
  components: { body: 'referrals.adminReferralRejectRequestDoc', success: 'referrals.adminReferralReviewResponseDoc' },
  successDescription: 'The referral, rejected, with its rewards (none granted)',
  example: { reason: 'same billing account' },
});
