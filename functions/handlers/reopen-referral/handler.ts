// POST …/referrals/{id}/reopen: a rejected referral back in review, in one transaction with its charge.
import { requestIdOf } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { priceOf } from '../../http/route.js';
import { reopenReferralRoute as route } from '../../http/routes/reopen-referral.js';
import { reopenReferral } from '../../referrals/reopen.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { answer } from '../review/decision-calls.js';
import { createReopenDeps, type ReopenHandlerDeps } from './dependencies.js';

export const createHandler = (deps: ReopenHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await reopenReferral(deps, {
      request: context.input,
      price: priceOf(route),
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return answer(context, requestId, result, result.data);
  });

export const handler = createHandler(createReopenDeps());
