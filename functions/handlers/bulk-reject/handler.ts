// The bulk reject route's function: its route module on the API chain, and the bulk reject use case.
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiRoute } from '../../http/middlewares/api-route.js';
import { priceOf } from '../../http/route.js';
import { bulkRejectRoute } from '../../http/routes/bulk-reject.js';
import { BULK_TIME_RESERVE_MS, bulkReject } from '../../referrals/reject-many.js';
import { createObservability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type BulkHandlerDeps, createBulkDeps } from './dependencies.js';

const price = priceOf(bulkRejectRoute);

export const createHandler = (deps: BulkHandlerDeps, observability = createObservability()) =>
  apiRoute({ deps, route: bulkRejectRoute, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const endsAt = Date.now() + context.getRemainingTimeInMillis();
    const result = await bulkReject(
      { ...deps, log: observability.logger },
      {
        request: context.input,
        price,
        principal: context.principal,
        requestId,
        admission: context.admission,
        deadline: endsAt - BULK_TIME_RESERVE_MS,
        budget: writeBudget(endsAt, observability.logger),
      },
    );
    // A replay charges nothing; a first answer charged each rejected referral.
    context.charged = result.replayed ? 0 : result.data.rejected * price.credits;
    return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });

export const handler = createHandler(createBulkDeps());
