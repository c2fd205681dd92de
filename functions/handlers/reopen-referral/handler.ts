// POST …/referrals/{id}/reopen: a rejected referral back in review, in one transaction with its charge.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { reopenReferralRoute as route } from '../../http/routes/reopen-referral.js';
import { reopenReferral } from '../../referrals/reopen.js';
import { createObservability } from '../../shared/observability.js';
import { answer, routeCall } from '../review/route-calls.js';
import { createReopenDeps, type ReopenHandlerDeps } from './dependencies.js';

export const createHandler = (deps: ReopenHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = routeCall(route, event, context, observability.logger);
    const result = await reopenReferral(deps, call);
    return answer(context, call.requestId, result, result.data);
  });

export const handler = createHandler(createReopenDeps());
