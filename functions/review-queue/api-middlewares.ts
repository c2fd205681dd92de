// The middleware chain every metered read route shares: logs and metrics, the envelope, the principal, metering, validation.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as v from 'valibot';
import type { MeterDeps } from '../billing/meter.js';
import { authorizedPrincipal } from '../middlewares/authorized-principal.js';
import { errorEnvelope } from '../middlewares/error-envelope.js';
import { metering } from '../middlewares/metering.js';
import type { ApiContext } from '../middlewares/request-context.js';
import { validateRequest } from '../middlewares/validate-request.js';
import type { Observability } from '../shared/observability.js';
import type { Route } from '../shared/routes.js';

/** A route that changes nothing: each 2xx is charged after it, in its own transaction. */
export const readRoute = <S extends v.GenericSchema, T>(options: {
  deps: MeterDeps;
  route: Route;
  observability: Observability;
  successMetric: string;
  schema: S;
  toInput: (parsed: v.InferOutput<S>) => T;
}) => {
  const { logger, metrics } = options.observability;
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext<T>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorEnvelope({ logger, metrics, successMetric: options.successMetric }))
    .use(httpHeaderNormalizer())
    .use(authorizedPrincipal())
    .use(
      metering({
        ...options.deps,
        route: options.route,
        charge: 'after_success',
        log: logger,
        onCharged: (credits) => metrics.addMetric('ChargedCredits', MetricUnit.Count, credits),
      }),
    )
    .use(validateRequest(options.schema, options.toInput));
};
