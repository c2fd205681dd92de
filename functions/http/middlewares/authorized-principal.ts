// Reads the principal the Lambda authorizer admitted; the function trusts nothing else about the caller.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fromAuthorizerContext } from '../../auth/principal.js';
import { ApiError } from '../api-error.js';
import type { ApiContext } from './request-context.js';

export const authorizedPrincipal = (): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, ApiContext> => ({
  before: (request) => {
    const principal = fromAuthorizerContext(request.event.requestContext?.authorizer);
    if (!principal) throw new ApiError('unauthorized');
    request.context.principal = principal;
  },
});
