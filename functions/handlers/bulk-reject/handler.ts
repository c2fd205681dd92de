// POST /api/v1/admin/referrals/reject: middy wiring around the bulk reject.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as v from 'valibot';
import { apiRoute } from '../../middlewares/api-route.js';
import {
  BULK_BODY_SHAPE,
  BULK_TIME_RESERVE_MS,
  BulkRejectBodySchema,
  type BulkRejectRequest,
  bulkReject,
} from '../../referrals/reject-many.js';
import { IdempotencyKeySchema, SentOnceSchema } from '../../referrals/request-fields.js';
import { requestIdOf, successResponse } from '../../shared/envelope.js';
import { createObservability } from '../../shared/observability.js';
import { MAX_BODY_BYTES } from '../../shared/request-limits.js';
import { routes } from '../../shared/routes.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type BulkHandlerDeps, createBulkDeps } from './dependencies.js';

export const BulkRequestSchema = v.object({
  body: v.pipe(
    // Required, and an object: valibot's object schemas accept arrays, and an absent body is undefined.
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BULK_BODY_SHAPE),
    BulkRejectBodySchema,
  ),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const toBulkRequest = (parsed: v.InferOutput<typeof BulkRequestSchema>): BulkRejectRequest => ({
  ids: parsed.body.ids,
  ...(parsed.body.reason === undefined ? {} : { reason: parsed.body.reason }),
  ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
});

export const createHandler = (deps: BulkHandlerDeps, observability = createObservability()) =>
  apiRoute({
    deps,
    route: routes.bulkRejectReferrals,
    observability,
    successMetric: 'BulkRejections',
    charge: 'by_route',
    bodyMaxBytes: MAX_BODY_BYTES,
    schema: BulkRequestSchema,
    toInput: toBulkRequest,
  }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const endsAt = Date.now() + context.getRemainingTimeInMillis();
    const result = await bulkReject(
      { ...deps, log: observability.logger },
      {
        request: context.input,
        principal: context.principal,
        requestId,
        admission: context.admission,
        deadline: endsAt - BULK_TIME_RESERVE_MS,
        budget: writeBudget(endsAt, observability.logger),
      },
    );
    if (!result.replayed) {
      observability.metrics.addMetric('Rejections', MetricUnit.Count, result.data.rejected);
      observability.metrics.addMetric('ChargedCredits', MetricUnit.Count, result.data.rejected * routes.bulkRejectReferrals.credits);
    }
    return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });

export const handler = createHandler(createBulkDeps());
