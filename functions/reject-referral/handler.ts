// POST /api/v1/admin/referrals/{id}/reject: middy wiring around the reject use case.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorizedPrincipal } from '../middlewares/authorized-principal.js';
import { errorEnvelope } from '../middlewares/error-envelope.js';
import { metering } from '../middlewares/metering.js';
import { optionalJsonBody } from '../middlewares/optional-json-body.js';
import type { ApiContext } from '../middlewares/request-context.js';
import { validateRequest } from '../middlewares/validate-request.js';
import { rejectReferral } from '../referrals/reject-referral.js';
import { MAX_BODY_BYTES, type RejectRequest, RejectRequestSchema, toRejectRequest } from '../referrals/reject-request.js';
import { requestIdOf } from '../shared/envelope.js';
import { createObservability } from '../shared/observability.js';
import { routes } from '../shared/routes.js';
import { writeBudget } from '../shared/write-budget.js';
import { createRejectDeps, type RejectHandlerDeps } from './dependencies.js';
import { presentRejection } from './present.js';

export const createHandler = (deps: RejectHandlerDeps, { logger, metrics } = createObservability()) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext<RejectRequest>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorEnvelope({ logger, metrics, successMetric: 'Rejections' }))
    .use(httpHeaderNormalizer())
    .use(authorizedPrincipal())
    .use(metering({ ...deps, route: routes.rejectReferral, charge: 'by_route', log: logger }))
    .use(optionalJsonBody({ maxBytes: MAX_BODY_BYTES }))
    .use(validateRequest(RejectRequestSchema, toRejectRequest))
    .handler(async (event, context) => {
      const requestId = requestIdOf(event, context.awsRequestId);
      const result = await rejectReferral(deps, {
        request: context.input,
        principal: context.principal,
        requestId,
        admission: context.admission,
        budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), logger),
      });
      // A replay charges nothing.
      if (!result.replayed) metrics.addMetric('ChargedCredits', MetricUnit.Count, routes.rejectReferral.credits);
      return presentRejection(requestId, result);
    });

export const handler = createHandler(createRejectDeps());
