// POST …/referrals/{id}/claim: one held referral claimed for the caller, in one transaction with its charge.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { claimReferralRoute as route } from '../../http/routes/claim-referral.js';
import { claimReferral } from '../../referrals/claim-one.js';
import { createObservability } from '../../shared/observability.js';
import { type ClaimHandlerDeps, createClaimDeps } from '../claims/dependencies.js';
import { answer, routeCall } from '../review/route-calls.js';

export const createHandler = (deps: ClaimHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = routeCall(route, event, context, observability.logger);
    const result = await claimReferral(deps, call);
    return answer(context, call.requestId, result, result.data);
  });

export const handler = createHandler(createClaimDeps());
