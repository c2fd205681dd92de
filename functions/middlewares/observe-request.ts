// Puts the API Gateway request id on every log line and counts each request's outcome as an embedded-format metric.
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorType } from '../shared/error-types.js';
import { requestIdOf } from '../shared/envelope.js';
import { toApiError } from './error-envelope.js';

/** The metric each outcome is counted under. */
const outcomeMetric = (type: ErrorType | 'ok'): string => {
  switch (type) {
    case 'ok':
      return 'Rejections';
    case 'conflict':
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

export const observeRequest = (options: { logger: Logger; metrics: Metrics }): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  before: (request) => {
    options.logger.appendKeys({ request_id: requestIdOf(request.event, request.context.awsRequestId) });
  },
  after: () => {
    options.metrics.addMetric(outcomeMetric('ok'), MetricUnit.Count, 1);
  },
  onError: (request) => {
    const type = toApiError(request.error).type;
    options.metrics.addMetric(outcomeMetric(type), MetricUnit.Count, 1);
    if (outcomeMetric(type) === 'LimitHits') options.metrics.addMetadata('limit', type);
  },
});
