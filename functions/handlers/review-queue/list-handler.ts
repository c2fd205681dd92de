// GET /api/v1/admin/referrals: middy wiring around the review queue's list.

import { apiRoute } from '../../middlewares/api-route.js';
import { ListRequestSchema, listReferrals, toListQuery } from '../../referrals/list-queue.js';
import { requestIdOf, successResponse } from '../../shared/envelope.js';
import { createObservability } from '../../shared/observability.js';
import { routes } from '../../shared/routes.js';
import { createReviewQueueDeps, type ReviewQueueDeps } from './dependencies.js';

export const createHandler = (deps: ReviewQueueDeps, observability = createObservability()) =>
  apiRoute({
    deps,
    route: routes.listReferrals,
    observability,
    successMetric: 'ReferralReads',
    charge: 'after_success',
    schema: ListRequestSchema,
    toInput: toListQuery,
  }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    return successResponse(requestId, { requestId, data: await listReferrals(deps, context.input, context.admission) });
  });

export const handler = createHandler(createReviewQueueDeps());
