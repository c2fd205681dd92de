// POST /api/v1/admin/referrals/reject: middy wiring around the bulk reject.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as v from 'valibot';
import { authorizedPrincipal } from '../middlewares/authorized-principal.js';
import { errorEnvelope } from '../middlewares/error-envelope.js';
import { metering } from '../middlewares/metering.js';
import { optionalJsonBody } from '../middlewares/optional-json-body.js';
import type { ApiContext } from '../middlewares/request-context.js';
import { validateRequest } from '../middlewares/validate-request.js';
import {
  BULK_BODY_SHAPE,
  BULK_TIME_RESERVE_MS,
  BulkRejectBodySchema,
  type BulkRejectRequest,
  bulkReject,
} from '../referrals/bulk-reject.js';
import { IdempotencyKeySchema, MAX_BODY_BYTES } from '../referrals/reject-request.js';
import { requestIdOf, successResponse } from '../shared/envelope.js';
import { createObservability } from '../shared/observability.js';
import { routes } from '../shared/routes.js';
import { writeBudget } from '../shared/write-budget.js';
import { type BulkHandlerDeps, createBulkDeps } from './dependencies.js';

export const BulkRequestSchema = v.object({
  body: v.pipe(
    // Required, and an object: valibot's object schemas accept arrays, and an absent body is undefined.
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BULK_BODY_SHAPE),
    BulkRejectBodySchema,
  ),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
});

export const toBulkRequest = (parsed: v.InferOutput<typeof BulkRequestSchema>): BulkRejectRequest => ({
  ids: parsed.body.ids,
  ...(parsed.body.reason === undefined ? {} : { reason: parsed.body.reason }),
  ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
});

export const createHandler = (deps: BulkHandlerDeps, { logger, metrics } = createObservability()) =>
  middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext<BulkRejectRequest>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorEnvelope({ logger, metrics, successMetric: 'BulkRejections' }))
    .use(httpHeaderNormalizer())
    .use(authorizedPrincipal())
    .use(metering({ ...deps, route: routes.bulkRejectReferrals, charge: 'by_route', log: logger }))
    .use(optionalJsonBody({ maxBytes: MAX_BODY_BYTES }))
    .use(validateRequest(BulkRequestSchema, toBulkRequest))
    .handler(async (event, context) => {
      const requestId = requestIdOf(event, context.awsRequestId);
      const endsAt = Date.now() + context.getRemainingTimeInMillis();
      const result = await bulkReject(
        { ...deps, log: logger },
        {
          request: context.input,
          principal: context.principal,
          requestId,
          admission: context.admission,
          deadline: endsAt - BULK_TIME_RESERVE_MS,
          budget: writeBudget(endsAt, logger),
        },
      );
      if (!result.replayed) {
        metrics.addMetric('Rejections', MetricUnit.Count, result.data.rejected);
        metrics.addMetric('ChargedCredits', MetricUnit.Count, result.data.rejected * routes.bulkRejectReferrals.credits);
      }
      return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
    });

export const handler = createHandler(createBulkDeps());
