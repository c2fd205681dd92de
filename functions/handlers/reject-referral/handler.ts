// The reject route's function: one referral held for review, rejected.
import { rejectReferralRoute } from '../../http/routes/reject-referral.js';
import { REJECT } from '../../referrals/decision.js';
import { decisionFunction } from '../review/decision-functions.js';

export const { createHandler, handler } = decisionFunction({ route: rejectReferralRoute, decision: REJECT });
