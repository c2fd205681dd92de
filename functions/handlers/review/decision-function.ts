// The function of a single decision's route, reject or approve: its route module on the API chain, and the decision use case.
import type * as v from 'valibot';
import { requestIdOf, successResponse } from '../../http/envelope.js';
import { apiRoute } from '../../http/middlewares/api-route.js';
import { priceOf, type Route } from '../../http/route.js';
import { type DecisionRequest, decideReferral } from '../../referrals/decide-one.js';
import type { Decision } from '../../referrals/decision.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { createDecisionDeps, type DecisionHandlerDeps } from './dependencies.js';

type DecisionRoute<S extends v.GenericSchema> = { route: Route<S, DecisionRequest>; decision: Decision };

const decisionHandler = <S extends v.GenericSchema>(
  { route, decision }: DecisionRoute<S>,
  deps: DecisionHandlerDeps,
  observability = createObservability(),
) => {
  const price = priceOf(route);
  return apiRoute({ deps, route, observability }).handler(async (event, context) => {
    const requestId = requestIdOf(event, context.awsRequestId);
    const result = await decideReferral(deps, {
      decision,
      request: context.input,
      price,
      principal: context.principal,
      requestId,
      admission: context.admission,
      budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), observability.logger),
    });
    // A replay charges nothing.
    context.charged = result.replayed ? 0 : price.credits;
    return successResponse(requestId, result, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  });
};

/** A decision route's function: `createHandler` for wiring of one's own, `handler` wired for Lambda. */
export const decisionFunction = <S extends v.GenericSchema>(wiring: DecisionRoute<S>) => {
  const createHandler = (deps: DecisionHandlerDeps, observability?: Observability) => decisionHandler(wiring, deps, observability);
  return { createHandler, handler: createHandler(createDecisionDeps()) };
};
