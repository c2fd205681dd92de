// The read route's function: its route module on the API chain, and reading one referral.
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { getReferralRoute } from '../../http/routes/get-referral.js';
import { readReferral } from '../../referrals/read-one.js';
import { createObservability } from '../../shared/observability.js';
import { createReviewQueueDeps, type ReviewQueueDeps } from './dependencies.js';

export const createHandler = (deps: ReviewQueueDeps, observability = createObservability()) =>
  apiChain({ deps, route: getReferralRoute, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    return successResponse(requestId, { requestId, data: await readReferral(deps, context.input) });
  });

export const handler = createHandler(createReviewQueueDeps());
