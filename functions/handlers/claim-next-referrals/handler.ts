// POST …/referrals/claims: the next held referrals nobody holds, claimed for the caller, with the request's charge.
import { requestIdOf } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { priceOf } from '../../http/route.js';
import { claimNextRoute as route } from '../../http/routes/claim-next-referrals.js';
import { claimNext } from '../../referrals/claim-next.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type ClaimNextHandlerDeps, createClaimNextDeps } from '../claims/dependencies.js';
import { answer } from '../review/decision-calls.js';

export const createHandler = (deps: ClaimNextHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const { items, creditsCharged } = await claimNext(deps, {
      request: context.input,
      price: priceOf(route),
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return answer(context, requestId, { requestId, replayed: false, creditsCharged }, { items });
  });

export const handler = createHandler(createClaimNextDeps());
