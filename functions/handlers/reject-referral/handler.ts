// POST /api/v1/admin/referrals/{id}/reject: the reject use case on the API route chain.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { apiRoute } from '../../middlewares/api-route.js';
import { rejectReferral } from '../../referrals/reject-one.js';
import { RejectRequestSchema, toRejectRequest } from '../../referrals/reject-request.js';
import { requestIdOf, successResponse } from '../../shared/envelope.js';
import { createObservability } from '../../shared/observability.js';
import { MAX_BODY_BYTES } from '../../shared/request-limits.js';
import { routes } from '../../shared/routes.js';
import { writeBudget } from '../../shared/write-budget.js';
import { createRejectDeps, type RejectHandlerDeps } from './dependencies.js';

export const createHandler = (deps: RejectHandlerDeps, observability = createObservability()) =>
  apiRoute({
    deps,
    route: routes.rejectReferral,
    observability,
    successMetric: 'Rejections',
    charge: 'by_route',
    bodyMaxBytes: MAX_BODY_BYTES,
    schema: RejectRequestSchema,
    toInput: toRejectRequest,
  }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await rejectReferral(deps, {
      request: context.input,
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    // A replay charges nothing.
    if (!result.replayed) observability.metrics.addMetric('ChargedCredits', MetricUnit.Count, routes.rejectReferral.credits);
    return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });

export const handler = createHandler(createRejectDeps());
