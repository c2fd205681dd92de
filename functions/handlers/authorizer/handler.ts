// Lambda REQUEST authorizer: admits admins with their principal in the context, denies other callers (403), refuses the rest (401).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import type { Authenticator } from '../../auth/authenticate.js';
import { toAuthorizerContext } from '../../auth/principal.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { createAuthorizerDeps } from './dependencies.js';
import { accessPolicy } from './policy.js';

/** API Gateway turns exactly this error message into its 401 UNAUTHORIZED response. */
export const UNAUTHORIZED = 'Unauthorized';

/** The metric the authorizer alarm watches: failures other than refusing a caller (a 401 is not one). */
export const AUTHORIZER_FAILURE_METRIC = 'AuthorizerFailures';
/** Callers refused with 401 or 403, for the dashboard. */
export const AUTHORIZER_REFUSAL_METRIC = 'AuthorizerRefusals';

export const createHandler = (authenticate: Authenticator, { logger, metrics }: Observability = createObservability()) => {
  const authorize = async (event: APIGatewayRequestAuthorizerEvent, _context: Context): Promise<APIGatewayAuthorizerResult> => {
    const requestId = event.requestContext?.extendedRequestId;
    logger.appendKeys({ request_id: requestId });
    let decision: Awaited<ReturnType<Authenticator>>;
    try {
      decision = await authenticate(event.headers, event.multiValueHeaders);
    } catch (error) {
      // Any other error is a 500 at API Gateway (AUTHORIZER_CONFIGURATION_ERROR): counted, logged, never a 401.
      metrics.addMetric(AUTHORIZER_FAILURE_METRIC, MetricUnit.Count, 1);
      logger.error('authorizer failed', { error: error as Error });
      throw new Error('Authorizer failure');
    }
    switch (decision.effect) {
      case 'allow':
        logger.info('caller admitted', { auth_method: decision.principal.authMethod, subject_id: decision.principal.subjectId });
        return {
          ...accessPolicy(decision.principal.subjectId, 'Allow', event.methodArn),
          context: toAuthorizerContext(decision.principal, decision.permissions),
        };
      case 'deny':
        metrics.addMetric(AUTHORIZER_REFUSAL_METRIC, MetricUnit.Count, 1);
        logger.info('caller is not an admin', { subject_id: decision.subject });
        return accessPolicy(decision.subject, 'Deny', event.methodArn);
      case 'unauthenticated':
        metrics.addMetric(AUTHORIZER_REFUSAL_METRIC, MetricUnit.Count, 1);
        logger.info('caller not authenticated', { reason: decision.reason });
        throw new Error(UNAUTHORIZED);
    }
  };
  // Metrics are flushed only when there are some: an admitted caller emits none, and an empty flush logs a warning.
  const flushMetrics = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return middy(authorize)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ after: flushMetrics, onError: flushMetrics });
};

export const handler = createHandler(createAuthorizerDeps());
