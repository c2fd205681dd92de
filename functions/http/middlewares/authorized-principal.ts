// Reads the principal the Lambda authorizer admitted, and its permissions; the function trusts nothing else about the caller.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { fromAuthorizerContext, permissionsFromAuthorizerContext } from '../../auth/principal.js';
import { ApiError } from '../api-error.js';
import type { ApiContext } from './request-context.js';

export const authorizedPrincipal = (): MiddlewareObj<APIGatewayProxyEvent, unknown, Error, ApiContext> => ({
  before: (request) => {
    const context = request.event.requestContext?.authorizer;
    const principal = fromAuthorizerContext(context);
    const permissions = permissionsFromAuthorizerContext(context);
    if (!principal || !permissions) throw new ApiError('unauthorized');
    request.context.principal = principal;
    request.context.permissions = permissions;
  },
});
