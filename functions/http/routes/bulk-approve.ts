// POST …/referrals/approve: approve up to 100 referrals, each on its own. Its decision, function and contract.
import { APPROVE } from '../../referrals/decision.js';
import { BulkApproveResultSchema } from '../bulk-result.js';
import { bulkDecisionContract, bulkDecisionFunction, bulkDecisionRoute } from './bulk-decision-route.js';

export const bulkApproveRoute = bulkDecisionRoute({ name: 'bulkApproveReferrals', decision: APPROVE, successMetric: 'BulkApprovals' });

/** Its Lambda function. */
export const bulkApproveFunction = /* @__PURE__ */ bulkDecisionFunction(
  'BulkApproveFunction',
  'functions/handlers/bulk-approve/handler.ts',
);

/** What the OpenAPI document says of the route; no function bundles it. */
export const bulkApproveContract = /* @__PURE__ */ bulkDecisionContract({
  operationId: 'bulkApproveReferrals',
  decision: APPROVE,
  summary: 'Approve up to 100 referrals held for review',
  description: 'Moves each referral held for review to `qualified`, from which the referral pipeline grants the rewards.',
  components: { body: 'referrals.adminReferralBulkApproveRequestDoc', success: 'referrals.adminReferralBulkApproveResponseDoc' },
  schema: BulkApproveResultSchema,
  example: {
    reason: 'verified with the customer',
    totals: { counts: { approved: 1, not_found: 0, conflict: 1, claimed: 0, failed: 0, unknown: 0 } },
  },
});
