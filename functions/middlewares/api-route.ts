// The one middleware chain every API route uses, in its one order: logs and metrics, the envelope, the principal,
// metering, the body (where the route takes one) and validation. A route adds only its handler.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as v from 'valibot';
import type { MeterDeps } from '../billing/admission.js';
import type { Observability } from '../shared/observability.js';
import type { Route } from '../shared/routes.js';
import { authorizedPrincipal } from './authorized-principal.js';
import { errorEnvelope } from './error-envelope.js';
import { type MeteringOptions, metering } from './metering.js';
import { optionalJsonBody } from './optional-json-body.js';
import type { ApiContext } from './request-context.js';
import { validateRequest } from './validate-request.js';

export const apiRoute = <S extends v.GenericSchema, T>(options: {
  deps: MeterDeps;
  route: Route;
  observability: Observability;
  /** The metric a success is counted under, e.g. Rejections. */
  successMetric: string;
  /** Who charges a success: this chain after it (a route that changes nothing), or the route in its own transaction. */
  charge: MeteringOptions['charge'];
  /** The route takes a JSON body of at most this many bytes; without it, the route reads no body. */
  bodyMaxBytes?: number;
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
        charge: options.charge,
        log: logger,
        onCharged: (credits) => metrics.addMetric('ChargedCredits', MetricUnit.Count, credits),
      }),
    )
    .use([
      ...(options.bodyMaxBytes === undefined ? [] : [optionalJsonBody({ maxBytes: options.bodyMaxBytes })]),
      validateRequest(options.schema, options.toInput),
    ]);
};
