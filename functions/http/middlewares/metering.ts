// Meters every admitted request: the per-minute limit and the limit headers on every response, and the charge of a success.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { admitRequest, type MeterDeps } from '../../billing/admission.js';
import { rateLimited } from '../../billing/errors.js';
import { type WarnLog, writeBudget } from '../../shared/write-budget.js';
import { requestIdOf } from '../envelope.js';
import { priceOf, type Route } from '../route.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import type { ApiContext } from './request-context.js';

export type MeteringOptions = MeterDeps & {
  /** Its price, and who charges a success (Route.chargedBy). */
  route: Pick<Route, 'method' | 'path' | 'credits' | 'chargedBy'>;
  /** Told the credits of each charge, whoever made it, e.g. for a metric. */
  onCreditsCharged?: (credits: number) => void;
  /** Where a charge's resends and an outcome left unknown are noted. */
  log: WarnLog;
};

const isSuccess = (statusCode: number) => statusCode >= 200 && statusCode < 300;

/**
 * The metering round starts in `before` and the handler awaits it next to its own reads,
 * so admission adds no sequential round trip.
 */
export const metering = (options: MeteringOptions): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext> => ({
  before: (request) => {
    const { principal } = request.context;
    const plan = options.plans[principal.plan];
    const now = options.now();
    const admission = admitRequest(options, principal, now).then((admitted) => {
      request.context.responseHeaders = { ...request.context.responseHeaders, ...rateLimitHeaders(admitted.rate, now) };
      if (!admitted.admitted) throw rateLimited(plan, now);
      return admitted;
    });
    admission.catch(() => undefined);
    request.context.admission = admission;
  },
  after: async (request) => {
    const admission = await request.context.admission;
    const response = request.response;
    if (!response) return;
    const { chargedBy } = options.route;
    if (chargedBy === 'use_case' && request.context.creditsCharged) options.onCreditsCharged?.(request.context.creditsCharged);
    if (chargedBy !== 'use_case' && isSuccess(response.statusCode)) {
      const { principal } = request.context;
      const input = {
        principal,
        plan: options.plans[principal.plan],
        requestId: requestIdOf(request.event, request.context.awsRequestId),
        price: { ...priceOf(options.route), statusCode: response.statusCode },
        now: options.now(),
      };
      const endsAt = Date.now() + request.context.getRemainingTimeInMillis();
      const charged = await chargedBy(options.meter, input, admission.usedThisMonth, writeBudget(endsAt, options.log));
      if (charged === 'charged') options.onCreditsCharged?.(input.price.credits);
      else options.log.warn('the charge of a success has an unknown outcome; the success stands', { credits: input.price.credits });
    }
    response.headers = { ...request.context.responseHeaders, ...response.headers };
  },
  onError: async (request) => {
    if (!request.context.admission) return;
    try {
      await request.context.admission;
    } catch (error) {
      // Over the limit (or the metering round failed): that answer wins over whatever else went wrong.
      request.error = error as Error;
    }
  },
});
