// POST …/referrals/claims: the next held referrals nobody holds, claimed for the caller, with the request's charge.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { claimNextRoute as route } from '../../http/routes/claim-next-referrals.js';
import { claimNext } from '../../referrals/claim-next.js';
import { createObservability } from '../../shared/observability.js';
import { type ClaimNextHandlerDeps, createClaimNextDeps } from '../claims/dependencies.js';
import { answer, routeCall } from '../review/route-calls.js';

export const createHandler = (deps: ClaimNextHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = routeCall(route, event, context, observability.logger);
    const { items, creditsCharged } = await claimNext(deps, call);
    return answer(context, call.requestId, { requestId: call.requestId, replayed: false, creditsCharged }, { items });
  });

export const handler = createHandler(createClaimNextDeps());
