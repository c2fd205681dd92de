// DELETE …/referrals/{id}/claim: the caller's claim released, or with force another's, in one transaction with its charge.
import { requirePermission } from '../../auth/permissions.js';
import { requestIdOf } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { priceOf } from '../../http/route.js';
import { releaseClaimRoute as route } from '../../http/routes/release-claim.js';
import { releaseClaim } from '../../referrals/claim-one.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type ClaimHandlerDeps, createClaimDeps } from '../claims/dependencies.js';
import { answer } from '../review/decision-calls.js';

export const createHandler = (deps: ClaimHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    // Force asks for more than the route's own permission, before anything is read.
    if (context.input.force) requirePermission(context.permissions, 'referrals:override_claim');
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await releaseClaim(deps, {
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
