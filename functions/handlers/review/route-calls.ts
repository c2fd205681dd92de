// What a route's handler hands its use case from the request (the input, the route's price, the caller, the
// admission, the time its writes may take; a decision's route also its decision), and how it answers the result.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { requestIdOf, successResponse } from '../../http/envelope.js';
import type { ApiContext } from '../../http/middlewares/request-context.js';
import { priceOf, type Route } from '../../http/route.js';
import type { Decision } from '../../referrals/decision.js';
import { type WarnLog, writeBudget } from '../../shared/write-budget.js';

type RouteOf<I> = Pick<Route<never, I>, 'method' | 'path' | 'credits'>;

/** A route's call: everything its use case needs besides its dependencies. */
export const routeCall = <I>(route: RouteOf<I>, event: APIGatewayProxyEvent, context: ApiContext<I>, log: WarnLog) => ({
  request: context.input,
  price: priceOf(route),
  principal: context.principal,
  requestId: requestIdOf(event, context.awsRequestId),
  admission: context.admission,
  budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), log),
});

/** A single or bulk decision's call: the route's call with the route's decision. */
export const decisionCall = <I>(
  route: RouteOf<I> & { decision: Decision },
  event: APIGatewayProxyEvent,
  context: ApiContext<I>,
  log: WarnLog,
) => ({
  ...routeCall(route, event, context, log),
  decision: route.decision,
});

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
