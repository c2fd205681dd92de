// The bulk reject's public contract, from the schemas its function validates with.
import { BulkResultSchema } from '../../referrals/bulk-result.js';
import { BulkRejectBodySchema } from '../../referrals/reject-many.js';
import { IdempotencyKeySchema } from '../../referrals/request-fields.js';
import type { RouteContract } from '../../shared/contract.js';
import { routes } from '../../shared/routes.js';

export const bulkRejectContract: RouteContract = {
  route: routes.bulkRejectReferrals,
  operationId: 'bulkRejectReferrals',
  summary: 'Reject up to 100 referrals held for review',
  description:
    'Each referral is rejected on its own transaction (its status change, its activity item and its usage record), so for ' +
    'every referral a rejection, its audit item and its charge exist together or not at all. The credits are reserved ' +
    'first, in one step, and what is not used is given back. A request in which no id could be rejected is still a 200. ' +
    'Charged 1 credit per rejected referral; the request counts once toward the per-minute limit.',
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: 'referrals.adminReferralBulkRejectRequestDoc',
    schema: BulkRejectBodySchema,
    required: true,
    example: { ids: ['attr-1', 'attr-2'], reason: 'same billing account' },
  },
  success: {
    status: 200,
    component: 'referrals.adminReferralBulkRejectResponseDoc',
    schema: BulkResultSchema,
    description: 'The outcome of every id',
    example: {
      results: [
        {
          id: 'attr-1',
          outcome: 'rejected',
          attribution: { id: 'attr-1', status: 'rejected', reviewed_by: 'admin-user', reviewed_at: '2026-11-27T10:00:00.000Z' },
        },
        { id: 'attr-2', outcome: 'conflict', error: { type: 'conflict', context: { status: 'rewarded' } } },
      ],
      counts: { rejected: 1, not_found: 0, conflict: 1, failed: 0, unknown: 0 },
      rejected: 1,
      failed: 1,
    },
    idempotent: true,
  },
  errors: [
    'invalid_request',
    'unauthorized',
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
