// POST /api/v1/admin/referrals/{id}/reject: middy wiring around the reject use case.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorizedPrincipal } from '../middlewares/authorized-principal.js';
import { errorEnvelope } from '../middlewares/error-envelope.js';
import { observeRequest } from '../middlewares/observe-request.js';
import { optionalJsonBody } from '../middlewares/optional-json-body.js';
import { rateLimit } from '../middlewares/rate-limit.js';
import type { ApiContext } from '../middlewares/request-context.js';
import { validateRequest } from '../middlewares/validate-request.js';
import { rejectReferral, type RejectDeps } from '../referrals/reject-referral.js';
import { MAX_BODY_BYTES, RejectRequestSchema, toRejectRequest, type RejectRequest } from '../referrals/reject-request.js';
import { requestIdOf } from '../shared/envelope.js';
import { logger, metrics } from '../shared/observability.js';
import { createRejectDeps } from './dependencies.js';

export const createHandler = (deps: RejectDeps) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext<RejectRequest>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(observeRequest({ logger, metrics }))
    .use(errorEnvelope({ logger }))
    .use(httpHeaderNormalizer())
    .use(authorizedPrincipal())
    .use(rateLimit(deps))
    .use(optionalJsonBody({ maxBytes: MAX_BODY_BYTES }))
    .use(validateRequest(RejectRequestSchema, toRejectRequest))
    .handler((event, context) =>
      rejectReferral(deps, {
        request: context.input,
        principal: context.principal,
        requestId: requestIdOf(event, context.awsRequestId),
        admission: context.admission,
      }),
    );

export const handler = createHandler(createRejectDeps());
