// Lambda REQUEST authorizer: admits admins with their principal in the context, denies other callers (403), refuses the rest (401).
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { Authenticator } from '../auth/authenticate.js';
import { toAuthorizerContext } from '../auth/principal.js';
import { logger } from '../shared/observability.js';
import { createAuthorizerDeps } from './dependencies.js';

const policy = (principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
});

/** API Gateway turns exactly this error message into its 401 UNAUTHORIZED response. */
export const UNAUTHORIZED = 'Unauthorized';

export const createHandler = (authenticate: Authenticator) => async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const requestId = event.requestContext?.requestId;
  const decision = await authenticate(event.headers, event.multiValueHeaders);
  switch (decision.effect) {
    case 'allow':
      logger.info('caller admitted', { request_id: requestId, auth_method: decision.principal.authMethod, subject_id: decision.principal.subjectId });
      return { ...policy(decision.principal.subjectId, 'Allow', event.methodArn), context: toAuthorizerContext(decision.principal) };
    case 'deny':
      logger.info('caller is not an admin', { request_id: requestId, subject_id: decision.subject });
      return policy(decision.subject, 'Deny', event.methodArn);
    case 'unauthenticated':
      logger.info('caller not authenticated', { request_id: requestId, reason: decision.reason });
      throw new Error(UNAUTHORIZED);
  }
};

export const handler = createHandler(createAuthorizerDeps());
