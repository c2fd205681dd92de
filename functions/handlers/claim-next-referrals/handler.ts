// POST …/referrals/claims: the next held referrals nobody holds, claimed for the caller; charged after its success.
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { claimNextRoute as route } from '../../http/routes/claim-next-referrals.js';
import { claimNext } from '../../referrals/claim-next.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type ClaimNextHandlerDeps, createClaimNextDeps } from '../claims/dependencies.js';

export const createHandler = (deps: ClaimNextHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const data = await claimNext(deps, {
      request: context.input,
      principal: context.principal,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return successResponse(requestId, { requestId, data });
  });

export const handler = createHandler(createClaimNextDeps());
