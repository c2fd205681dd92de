// The reject route's function: its route module on the API chain, and the reject use case.
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiRoute } from '../../http/middlewares/api-route.js';
import { priceOf } from '../../http/route.js';
import { rejectReferralRoute } from '../../http/routes/reject-referral.js';
import { rejectReferral } from '../../referrals/reject-one.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { createRejectDeps, type RejectHandlerDeps } from './dependencies.js';

const price = priceOf(rejectReferralRoute);

export const createHandler = (deps: RejectHandlerDeps, observability = createObservability()) =>
  apiRoute({ deps, route: rejectReferralRoute, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await rejectReferral(deps, {
      request: context.input,
      price,
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    // A replay charges nothing.
    context.charged = result.replayed ? 0 : price.credits;
    return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });

export const handler = createHandler(createRejectDeps());
