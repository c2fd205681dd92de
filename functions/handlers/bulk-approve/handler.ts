// The bulk approve route's function: up to 100 referrals held for review, each approved on its own.
import { bulkApproveRoute } from '../../http/routes/bulk-approve.js';
import { APPROVE } from '../../referrals/decision.js';
import { bulkDecisionFunction } from '../review/decision-functions.js';

export const { createHandler, handler } = bulkDecisionFunction({ route: bulkApproveRoute, decision: APPROVE });
