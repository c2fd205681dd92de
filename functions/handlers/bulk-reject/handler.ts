// The bulk reject route's function: up to 100 referrals held for review, each rejected on its own.
import { bulkRejectRoute, withRejectTotals } from '../../http/routes/bulk-reject.js';
import { REJECT } from '../../referrals/decision.js';
import { bulkDecisionFunction } from '../review/decision-functions.js';

export const { createHandler, handler } = bulkDecisionFunction({ route: bulkRejectRoute, decision: REJECT, present: withRejectTotals });
