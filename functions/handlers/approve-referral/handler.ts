// POST …/referrals/{id}/approve: one referral held for review, approved in one transaction with its charge.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { approveReferralRoute as route } from '../../http/routes/approve-referral.js';
import { decideReferral } from '../../referrals/decide-one.js';
import { createObservability } from '../../shared/observability.js';
import { createDecisionDeps, type DecisionHandlerDeps } from '../review/dependencies.js';
import { answer, decisionCall } from '../review/route-calls.js';

export const createHandler = (deps: DecisionHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = decisionCall(route, event, context, observability.logger);
    const result = await decideReferral(deps, call);
    return answer(context, call.requestId, result, result.data);
  });

export const handler = createHandler(createDecisionDeps());
