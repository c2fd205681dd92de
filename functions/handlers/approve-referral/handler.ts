// The approve route's function: one referral held for review, approved.
import { approveReferralRoute } from '../../http/routes/approve-referral.js';
import { APPROVE } from '../../referrals/decision.js';
import { decisionFunction } from '../review/decision-functions.js';

export const { createHandler, handler } = decisionFunction({ route: approveReferralRoute, decision: APPROVE });
