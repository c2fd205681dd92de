// What a decision handler hands its use case from the request (the route's decision and price, the caller, the
// admission, the time its writes may take), and how it answers the result.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { requestIdOf, successResponse } from '../../http/envelope.js';
import type { ApiContext } from '../../http/middlewares/request-context.js';
import { priceOf, type Route } from '../../http/route.js';
import type { Decision } from '../../referrals/decision.js';
import { type WarnLog, writeBudget } from '../../shared/write-budget.js';

type DecisionRouteOf<I> = Pick<Route<never, I>, 'method' | 'path' | 'credits'> & { decision: Decision };

/** A single or bulk decision's call: everything the use case needs besides its dependencies. */
export const decisionCall = <I>(route: DecisionRouteOf<I>, event: APIGatewayProxyEvent, context: ApiContext<I>, log: WarnLog) => {
  return {
    decision: route.decision,
    request: context.input,
    price: priceOf(route),
    principal: context.principal,
    requestId: requestIdOf(event, context.awsRequestId),
    admission: context.admission,
    budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), log),
  };
};

/**
 * The answer: what the use case charged (a replay, nothing) for the metering step, and the envelope under this
 * request's id; a replay's body keeps the first request's.
 */
export const answer = (
  context: ApiContext,
  requestId: string,
  result: { requestId: string; replayed: boolean; creditsCharged: number },
  data: unknown,
  /** The route's success status, when not 200 (a replay answers with it too). */
  status?: number,
) => {
  context.creditsCharged = result.creditsCharged;
  return successResponse(
    requestId,
    { requestId: result.requestId, data },
    result.replayed ? { 'idempotent-replayed': 'true' } : {},
    status,
  );
};
