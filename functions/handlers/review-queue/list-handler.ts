// The list route's function: its route module on the API chain, and the review queue's list.
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiChain } from '../../http/middlewares/api-chain.js';
import { listReferralsRoute } from '../../http/routes/list-referrals.js';
import { listReferrals } from '../../referrals/list-queue.js';
import { createObservability } from '../../shared/observability.js';
import { createReviewQueueDeps, type ReviewQueueDeps } from './dependencies.js';

export const createHandler = (deps: ReviewQueueDeps, observability = createObservability()) =>
  apiChain({ deps, route: listReferralsRoute, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    return successResponse(requestId, {
      requestId,
      data: await listReferrals(deps, { ...context.input, caller: context.principal.userId }),
    });
  });

export const handler = createHandler(createReviewQueueDeps());
