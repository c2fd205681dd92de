// Turns any error into the response envelope; unknown errors become a generic 500 that is logged, never echoed.
import type { MiddlewareObj } from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { dependencyUnavailable, isTransientDynamoError } from '../adapters/dynamodb-errors.js';
import { ApiError, isApiError } from '../shared/api-error.js';
import { errorResponse, requestIdOf } from '../shared/envelope.js';
import type { ApiContext } from './request-context.js';

type HttpError = Error & { statusCode?: number; expose?: boolean };

/** Maps what was thrown to the API's typed error. */
export const toApiError = (error: unknown): ApiError => {
  if (isApiError(error)) return error;
  const http = error as HttpError;
  // middy's own 4xx (body parser: bad JSON, wrong content type, forbidden keys) are invalid input here.
  if (http?.expose && typeof http.statusCode === 'number' && http.statusCode >= 400 && http.statusCode < 500) {
    return new ApiError('invalid_request', { message: http.statusCode === 415 ? 'Content-Type must be application/json' : 'Request body must be valid JSON', cause: error });
  }
  if (isTransientDynamoError(error)) return dependencyUnavailable(error);
  return new ApiError('internal', { cause: error });
};

export const errorEnvelope = (options: { logger: Logger }): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, ApiContext> => ({
  onError: (request) => {
    const error = toApiError(request.error);
    const requestId = requestIdOf(request.event, request.context.awsRequestId);
    if (error.statusCode >= 500) {
      options.logger.error('request failed', { error_type: error.type, error: request.error as Error });
    } else {
      options.logger.info('request refused', { error_type: error.type, status: error.statusCode });
    }
    const response = errorResponse(requestId, error);
    response.headers = { ...request.context.responseHeaders, ...response.headers };
    request.response = response;
  },
});
