// POST …/referrals/{id}/claim: one held referral claimed for the caller, in one transaction with its charge.
import { requestIdOf } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { priceOf } from '../../http/route.js';
import { claimReferralRoute as route } from '../../http/routes/claim-referral.js';
import { claimReferral } from '../../referrals/claim-one.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type ClaimHandlerDeps, createClaimDeps } from '../claims/dependencies.js';
import { answer } from '../review/decision-calls.js';

export const createHandler = (deps: ClaimHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await claimReferral(deps, {
      request: context.input,
      price: priceOf(route),
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return answer(context, requestId, result, result.data);
  });

export const handler = createHandler(createClaimDeps());
