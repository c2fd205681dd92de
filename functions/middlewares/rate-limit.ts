// Counts every admitted request against its account's per-minute limit and puts the limit headers on every response.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { UsageStore } from '../adapters/usage-store.js';
import { counterExpiry, minuteWindow, rateLimited, rateLimitHeaders, type RateLimitState } from '../billing/metering.js';
import type { PlanTable } from '../billing/plans.js';
import type { ApiContext } from './request-context.js';

const RATE_COUNTER_MARGIN_SECONDS = 60;

/**
 * The counter update starts in `before` and is awaited by the handler next to its own reads,
 * so metering adds no sequential round trip.
 */
export const rateLimit = (deps: { usage: UsageStore; plans: PlanTable; now: () => Date }): MiddlewareObj<
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Error,
  ApiContext
> => ({
  before: (request) => {
    const { principal } = request.context;
    const plan = deps.plans[principal.plan];
    const now = deps.now();
    const window = minuteWindow(now);
    const admission = deps.usage
      .countRequest(principal.userId, window.id, plan.ratePerMinute, counterExpiry(window, RATE_COUNTER_MARGIN_SECONDS))
      .then(({ admitted, used }): RateLimitState => {
        const state = { limit: plan.ratePerMinute, used, resetAt: window.resetAt };
        request.context.responseHeaders = { ...request.context.responseHeaders, ...rateLimitHeaders(state, now) };
        if (!admitted) throw rateLimited(plan, now);
        return state;
      });
    admission.catch(() => undefined);
    request.context.admission = admission;
  },
  after: async (request) => {
    await request.context.admission;
    if (request.response) request.response.headers = { ...request.context.responseHeaders, ...request.response.headers };
  },
  onError: async (request) => {
    if (!request.context.admission) return;
    try {
      await request.context.admission;
    } catch (error) {
      // Over the limit (or the counter failed): that answer wins over whatever else went wrong.
      request.error = error as Error;
    }
  },
});
