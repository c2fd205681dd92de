// GET /api/v1/admin/referrals/{id}: middy wiring around reading one referral with its rewards and activity.
import * as v from 'valibot';
import { apiRoute } from '../../middlewares/api-route.js';
import { AttributionPathIdSchema } from '../../referrals/path-id.js';
import { readReferral } from '../../referrals/read-one.js';
import { requestIdOf, successResponse } from '../../shared/envelope.js';
import { createObservability } from '../../shared/observability.js';
import { routes } from '../../shared/routes.js';
import { createReviewQueueDeps, type ReviewQueueDeps } from './dependencies.js';

export const GetReferralRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
});

export const createHandler = (deps: ReviewQueueDeps, observability = createObservability()) =>
  apiRoute({
    deps,
    route: routes.getReferral,
    observability,
    successMetric: 'ReferralReads',
    charge: 'after_success',
    schema: GetReferralRequestSchema,
    toInput: (parsed) => parsed.pathParameters.id,
  }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    return successResponse(requestId, { requestId, data: await readReferral(deps, context.input, context.admission) });
  });

export const handler = createHandler(createReviewQueueDeps());
