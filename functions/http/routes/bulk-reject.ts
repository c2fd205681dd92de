// POST …/referrals/reject: reject up to 100 referrals, each on its own. Its decision, function and contract.
import type { BulkResult } from '../../referrals/bulk-outcomes.js';
import { REJECT } from '../../referrals/decision.js';
import { BulkRejectResultSchema } from '../bulk-result.js';
import { bulkDecisionContract, bulkDecisionFunction, bulkDecisionRoute } from './bulk-decision-route.js';

export const bulkRejectRoute = bulkDecisionRoute({ name: 'bulkRejectReferrals', decision: REJECT, successMetric: 'BulkRejections' });

/** The two totals a bulk reject answered with before it had counts, kept for existing clients. */
export const withRejectTotals = (result: BulkResult) => ({
  ...result,
  rejected: result.counts.rejected,
  failed: result.results.length - result.counts.rejected,
});

/** Its Lambda function. */
export const bulkRejectFunction = /* @__PURE__ */ bulkDecisionFunction('BulkRejectFunction', 'functions/handlers/bulk-reject/handler.ts');

/** What the OpenAPI document says of the route; no function bundles it. */
export const bulkRejectContract = /* @__PURE__ */ bulkDecisionContract({
  operationId: 'bulkRejectReferrals',
  decision: REJECT,
  summary: 'Reject up to 100 referrals held for review',
  description: 'Rejects each referral held for review, granting no reward.',
  components: { body: 'referrals.adminReferralBulkRejectRequestDoc', success: 'referrals.adminReferralBulkRejectResponseDoc' },
  schema: BulkRejectResultSchema,
  example: {
    reason: 'same billing account',
    totals: { counts: { rejected: 1, not_found: 0, conflict: 1, claimed: 0, failed: 0, unknown: 0 }, rejected: 1, failed: 1 },
  },
});
