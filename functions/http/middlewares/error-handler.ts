// Puts the request id on every log line, counts each outcome as a metric, and turns any error into the response envelope.
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorResponse, requestIdOf } from '../envelope.js';
import { toApiError } from '../error-mapping.js';
import type { ErrorType } from '../error-types.js';

/** The metric each failed outcome is counted under; a success is counted under the route's own metric. */
export const failureMetric = (type: ErrorType): string => {
  switch (type) {
    case 'conflict':
    case 'claimed':
    case 'reopen_window_closed':
    case 'concurrent_update':
    case 'request_in_progress':
      return 'Conflicts';
    case 'rate_limited':
    case 'daily_cap_reached':
    case 'credits_exhausted':
      return 'LimitHits';
    case 'internal':
    case 'dependency_unavailable':
    case 'gateway_timeout':
      return 'Errors';
    default:
      return 'Refusals';
  }
};

export const errorHandler = (options: {
  logger: Logger;
  metrics: Metrics;
  /** The metric a success is counted under, e.g. Rejections. */
  successMetric: string;
}): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: (request) => {
    options.logger.appendKeys({ request_id: requestIdOf(request.event, request.context.awsRequestId) });
  },
  after: () => {
    options.metrics.addMetric(options.successMetric, MetricUnit.Count, 1);
  },
  onError: (request) => {
    const error = toApiError(request.error);
    const requestId = requestIdOf(request.event, request.context.awsRequestId);
    if (error.statusCode >= 500) {
      options.logger.error('request failed', { error_type: error.type, error: request.error as Error });
    } else {
      options.logger.info('request refused', { error_type: error.type, status: error.statusCode });
    }
    const metric = failureMetric(error.type);
    options.metrics.addMetric(metric, MetricUnit.Count, 1);
    if (metric === 'LimitHits') options.metrics.addMetadata('limit', error.type);
    const response = errorResponse(requestId, error);
    response.headers = { ...(request.context as { responseHeaders?: Record<string, string> }).responseHeaders, ...response.headers };
    request.response = response;
  },
});
