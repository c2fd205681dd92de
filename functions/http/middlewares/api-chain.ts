// The one middleware chain every API route uses, in its one order: logs and metrics, the envelope, the principal, the
// route's permission, metering, the body (where the route takes one) and validation. A route adds only its handler.
// `before` steps run in this order; middy runs `after` and `onError` in reverse (errorHandler's onError runs last).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as v from 'valibot';
import type { MeterDeps } from '../../billing/admission.js';
import type { Observability } from '../../shared/observability.js';
import type { Route } from '../route.js';
import { authorizedPrincipal } from './authorized-principal.js';
import { errorHandler } from './error-handler.js';
import { metering } from './metering.js';
import { optionalJsonBody } from './optional-json-body.js';
import type { ApiContext } from './request-context.js';
import { routePermission } from './route-permission.js';
import { validateRequest } from './validate-request.js';

export const apiChain = <S extends v.GenericSchema, T>(options: { deps: MeterDeps; route: Route<S, T>; observability: Observability }) => {
  const { logger, metrics } = options.observability;
  const { route } = options;
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext<T>>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(errorHandler({ logger, metrics, successMetric: route.successMetric }))
    .use(httpHeaderNormalizer())
    .use(authorizedPrincipal())
    .use(routePermission(route.permission))
    .use(
      metering({
        ...options.deps,
        route,
        log: logger,
        // The one place the charge metric is emitted: what this chain charged, or what the route reports it charged.
        onCreditsCharged: (credits) => metrics.addMetric('ChargedCredits', MetricUnit.Count, credits),
      }),
    )
    .use([
      ...(route.bodyMaxBytes === undefined ? [] : [optionalJsonBody({ maxBytes: route.bodyMaxBytes })]),
      validateRequest(route.request, route.toInput),
    ]);
};
