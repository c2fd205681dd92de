// The function of a bulk decision's route, reject or approve: its route module on the API chain, and the bulk use case.
import type * as v from 'valibot';
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiRoute } from '../../http/middlewares/api-route.js';
import { priceOf, type Route } from '../../http/route.js';
import { BULK_TIME_RESERVE_MS, type BulkDecisionRequest, type BulkResult, decideMany } from '../../referrals/decide-many.js';
import type { Decision } from '../../referrals/decision.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type BulkHandlerDeps, createBulkDeps } from './dependencies.js';

type BulkDecisionRoute<S extends v.GenericSchema> = {
  route: Route<S, BulkDecisionRequest>;
  decision: Decision;
  /** The response's data as the route answers it, when it says more than the result. */
  present?: (result: BulkResult) => unknown;
};

const bulkDecisionHandler = <S extends v.GenericSchema>(
  options: BulkDecisionRoute<S>,
  deps: BulkHandlerDeps,
  observability = createObservability(),
) => {
  const { route, decision, present = (result: BulkResult) => result } = options;
  const price = priceOf(route);
  return apiRoute({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const endsAt = Date.now() + context.getRemainingTimeInMillis();
    const result = await decideMany(
      { ...deps, log: observability.logger },
      {
        decision,
        request: context.input,
        price,
        principal: context.principal,
        requestId,
        admission: context.admission,
        deadline: endsAt - BULK_TIME_RESERVE_MS,
        budget: writeBudget(endsAt, observability.logger),
      },
    );
    // A replay charges nothing; a first answer charged each decided referral.
    context.charged = result.replayed ? 0 : result.data.counts[decision.outcome] * price.credits;
    const answer = { ...result, data: present(result.data) };
    return successResponse(requestId, answer, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });
};

/** A bulk decision route's function: `createHandler` for wiring of one's own, `handler` wired for Lambda. */
export const bulkDecisionFunction = <S extends v.GenericSchema>(wiring: BulkDecisionRoute<S>) => {
  const createHandler = (deps: BulkHandlerDeps, observability?: Observability) => bulkDecisionHandler(wiring, deps, observability);
  return { createHandler, handler: createHandler(createBulkDeps()) };
};
