// The functions of the decision routes, reject and approve, single and bulk: each route module on the API chain, and
// its use case with the decision as a parameter. A route's handler file names its route and decision, nothing else.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type * as v from 'valibot';
import type { Price } from '../../billing/ports.js';
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiRoute } from '../../http/middlewares/api-route.js';
import type { ApiContext } from '../../http/middlewares/request-context.js';
import { priceOf, type Route } from '../../http/route.js';
import type { BulkResult } from '../../referrals/bulk-outcomes.js';
import { BULK_TIME_RESERVE_MS, type BulkDecisionRequest, decideMany } from '../../referrals/decide-many.js';
import { type DecisionRequest, decideReferral } from '../../referrals/decide-one.js';
import type { Decision } from '../../referrals/decision.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { type BulkHandlerDeps, createBulkDeps, createDecisionDeps, type DecisionHandlerDeps } from './dependencies.js';

/** What either use case is handed from the request: the decision, its input, its price, the caller and the admission. */
const callOf = <I>(decision: Decision, price: Price, event: APIGatewayProxyEvent, context: ApiContext<I>) => ({
  decision,
  request: context.input,
  price,
  principal: context.principal,
  requestId: requestIdOf(event, context.awsRequestId),
  admission: context.admission,
});

/**
 * The answer: what the decision charged (a replay, nothing) for the metering step, and the envelope, under this
 * request's id; a replay's body keeps the first request's.
 */
const answer = (
  context: ApiContext,
  requestId: string,
  result: { requestId: string; replayed: boolean },
  charged: number,
  data: unknown,
) => {
  context.charged = result.replayed ? 0 : charged;
  return successResponse(requestId, { requestId: result.requestId, data }, result.replayed ? { 'idempotent-replayed': 'true' } : {});
};

type DecisionRoute<S extends v.GenericSchema> = { route: Route<S, DecisionRequest>; decision: Decision };

type BulkDecisionRoute<S extends v.GenericSchema> = {
  route: Route<S, BulkDecisionRequest>;
  decision: Decision;
  /** The response's data as the route answers it, when it says more than the result. */
  present?: (result: BulkResult) => unknown;
};

const decisionHandler = <S extends v.GenericSchema>(wiring: DecisionRoute<S>, deps: DecisionHandlerDeps, observability: Observability) => {
  const price = priceOf(wiring.route);
  return apiRoute({ deps, route: wiring.route, observability }).handler(async (event, context) => {
    const call = callOf(wiring.decision, price, event, context);
    const result = await decideReferral(deps, {
      ...call,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    return answer(context, call.requestId, result, price.credits, result.data);
  });
};

const bulkDecisionHandler = <S extends v.GenericSchema>(
  wiring: BulkDecisionRoute<S>,
  deps: BulkHandlerDeps,
  observability: Observability,
) => {
  const { decision, present = (result: BulkResult) => result } = wiring;
  const price = priceOf(wiring.route);
  return apiRoute({ deps, route: wiring.route, observability }).handler(async (event, context) => {
    const endsAt = Date.now() + context.getRemainingTimeInMillis();
    const call = callOf(decision, price, event, context);
    const result = await decideMany(
      { ...deps, log: observability.logger },
      {
        ...call,
        deadline: endsAt - BULK_TIME_RESERVE_MS,
        budget: writeBudget(endsAt, observability.logger),
      },
    );
    return answer(context, call.requestId, result, result.creditsCharged, present(result.data));
  });
};

/** A single decision route's function: `createHandler` for wiring of one's own, `handler` wired for Lambda. */
export const decisionFunction = <S extends v.GenericSchema>(wiring: DecisionRoute<S>) => {
  const createHandler = (deps: DecisionHandlerDeps, observability = createObservability()) => decisionHandler(wiring, deps, observability);
  return { createHandler, handler: createHandler(createDecisionDeps()) };
};

/** A bulk decision route's function: `createHandler` for wiring of one's own, `handler` wired for Lambda. */
export const bulkDecisionFunction = <S extends v.GenericSchema>(wiring: BulkDecisionRoute<S>) => {
  const createHandler = (deps: BulkHandlerDeps, observability = createObservability()) => bulkDecisionHandler(wiring, deps, observability);
  return { createHandler, handler: createHandler(createBulkDeps()) };
};
