// DELETE …/referrals/{id}/claim: the caller's claim released, or with force another's, in one transaction with its charge.
import { requirePermission } from '../../auth/permissions.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { releaseClaimRoute as route } from '../../http/routes/release-claim.js';
import { releaseClaim } from '../../referrals/claim-one.js';
import { createObservability } from '../../shared/observability.js';
import { type ClaimHandlerDeps, createClaimDeps } from '../claims/dependencies.js';
import { answer, routeCall } from '../review/route-calls.js';

export const createHandler = (deps: ClaimHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    // Force asks for more than the route's own permission, before anything is read.
    if (context.input.force) requirePermission(context.permissions, 'referrals:override_claim');
    const call = routeCall(route, event, context, observability.logger);
    const result = await releaseClaim(deps, call);
    return answer(context, call.requestId, result, result.data);
  });

export const handler = createHandler(createClaimDeps());
