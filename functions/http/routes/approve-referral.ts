// POST …/referrals/{id}/approve: approve one referral held for review. Its decision, function and contract.
import { APPROVE } from '../../referrals/decision.js';
import { decisionContract, decisionFunction, decisionRoute } from './decision-route.js';

export const approveReferralRoute = decisionRoute({ name: 'approveReferral', decision: APPROVE, successMetric: 'Approvals' });

/** Its Lambda function. */
export const approveReferralFunction = /* @__PURE__ */ decisionFunction(
  'ApproveReferralFunction',
  'functions/handlers/approve-referral/handler.ts',
);

/** What the OpenAPI document says of the route; no function bundles it. */
export const approveReferralContract = /* @__PURE__ */ decisionContract({
  operationId: 'approveReferral',
  decision: APPROVE,
  summary: 'Approve a referral held for review',
  description:
    'Moves a `review_required` attribution to `qualified`, the status from which the referral pipeline grants the rewards ' +
    "once it hears the `referral.approved` event; the approval itself grants nothing. The fraud checks' `review_reason` " +
    'and `risk_flags` are kept. The change, its activity item, its usage record and its idempotency record are one ' +
    'DynamoDB transaction.',
  components: { body: 'referrals.adminReferralApproveRequestDoc', success: 'referrals.adminReferralApproveResponseDoc' },
  successDescription: 'The referral, qualified, with its rewards (none granted by the approval itself)',
  example: { reason: 'verified with the customer' },
});
