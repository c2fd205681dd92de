// POST …/referrals/reject: up to 100 referrals held for review, each rejected in its own transaction.
import { apiChain } from '../../http/middlewares/api-chain.js';
import { bulkRejectRoute as route, withRejectTotals } from '../../http/routes/bulk-reject.js';
import { decideMany } from '../../referrals/decide-many.js';
import { createObservability } from '../../shared/observability.js';
import { type BulkHandlerDeps, createBulkDeps } from '../review/bulk-dependencies.js';
import { answer, decisionCall } from '../review/route-calls.js';

export const createHandler = (deps: BulkHandlerDeps, observability = createObservability()) =>
  apiChain({ deps, route, observability }).handler(async (event, context) => {
    const call = decisionCall(route, event, context, observability.logger);
    const result = await decideMany({ ...deps, log: observability.logger }, call);
    return answer(context, call.requestId, result, withRejectTotals(result.data));
  });

export const handler = createHandler(createBulkDeps());
