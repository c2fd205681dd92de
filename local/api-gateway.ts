// Runs a request through the web ACL, the route table, the REQUEST authorizer and the function as API Gateway (REST) does,
// with its Gateway Responses and its documented limits. Each rule cites the AWS page it follows.
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { MAX_BODY_BYTES } from '../functions/http/body-limit.js';
import {
  contentLengthExceededResponse,
  type GatewayResponseType,
  gatewayErrorResponse,
  requestTooLargeResponse,
} from '../functions/http/gateway-responses.js';
import type { RouteName } from '../functions/http/routes/index.js';
import { AUTHORIZER_CACHE, FUNCTION_TIMEOUT_SECONDS } from '../lib/runtime-settings.js';
import type { ApiRequest } from './api-request.js';
import { type AuthorizerCacheSettings, createAuthorizerCache } from './authorizer-cache.js';
import { policyAllows, readAuthorizerOutput } from './authorizer-output.js';
import { ACCOUNT, API_ID, REGION, STAGE } from './deployment.js';
import { authorizerEvent, type Prepared, proxyEvent } from './gateway-events.js';
import { headerBytes, headersTooLarge, LIMITS, plainError } from './gateway-quotas.js';
import { lambdaContext } from './lambda-context.js';
import { proxyResultStatus } from './proxy-result.js';
import { requestIdsOf, withRequestIds } from './request-ids.js';
import { matchRoute } from './route-matching.js';

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;
// Middy handlers type their context with what their middlewares add, and take an optional third argument.
export type ProxyHandler = (event: APIGatewayProxyEvent, context: any, ...rest: any[]) => Promise<APIGatewayProxyResult>;

export type GatewayOptions = {
  /** The functions' configured timeout; a function that runs longer fails, which API Gateway answers with 502. */
  functionTimeoutMs?: number;
  /** API Gateway's integration timeout (29 s by default). */
  integrationTimeoutMs?: number;
  /** The authorizer's result cache; the stack's setting (off) unless a test turns it on. */
  authorizerCache?: AuthorizerCacheSettings;
};

class Timeout extends Error {}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

export type GatewayHandlers = { authorizer: AuthorizerHandler; functions: Partial<Record<RouteName, ProxyHandler>> };

export const createApiGateway = (handlers: GatewayHandlers, options: GatewayOptions = {}) => {
  const functionTimeoutMs = options.functionTimeoutMs ?? FUNCTION_TIMEOUT_SECONDS * 1000;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? LIMITS.integrationTimeoutMs;
  const cache = createAuthorizerCache<NonNullable<ReturnType<typeof readAuthorizerOutput>>>(options.authorizerCache ?? AUTHORIZER_CACHE);

  const invoke = async <T>(
    run: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; timedOut: 'function' | 'integration' | false; error?: unknown }> => {
    try {
      const limit = Math.min(functionTimeoutMs, integrationTimeoutMs);
      return { ok: true, value: await withTimeout(run(), limit) };
    } catch (error) {
      if (error instanceof Timeout) return { ok: false, timedOut: functionTimeoutMs <= integrationTimeoutMs ? 'function' : 'integration' };
      return { ok: false, timedOut: false, error };
    }
  };

  return async (request: ApiRequest): Promise<APIGatewayProxyResult> => {
    const ids = requestIdsOf(request.headers);
    const { requestId, extendedRequestId } = ids;
    const fromGateway = (response: APIGatewayProxyResult) => withRequestIds(response, ids);
    // A Gateway Response's body names the request by the id API Gateway generated (GATEWAY_REQUEST_ID).
    const gatewayError = (kind: GatewayResponseType, status?: number) => fromGateway(gatewayErrorResponse(kind, extendedRequestId, status));
    const [path = '/', query = ''] = request.path.split(/\?(.*)/s);
    const bodyBytes = request.body === undefined ? 0 : Buffer.byteLength(request.body, request.isBase64Encoded ? 'base64' : 'utf8');

    if (bodyBytes > LIMITS.payloadBytes) return contentLengthExceededResponse(LIMITS.payloadBytes);
    // The status is HTTP's for the documented URL quota (limits.html); AWS's message text is not documented.
    if (request.path.length > LIMITS.urlCharacters) return fromGateway(plainError(414, 'Request URI too long'));
    if (headerBytes(request.headers) > LIMITS.headerBytes) return fromGateway(headersTooLarge());
    // The stack's web ACL blocks bodies over the functions' limit (a size rule with oversize handling MATCH);
    // API Gateway then answers with its WAF_FILTERED Gateway Response.
    if (bodyBytes > MAX_BODY_BYTES) return gatewayError('WAF_FILTERED');

    const route = matchRoute(request.method, path);
    const handler = route ? handlers.functions[route.name] : undefined;
    if (!route || !handler) return gatewayError('MISSING_AUTHENTICATION_TOKEN');
    const methodArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/${request.method}${path}`;
    if (Buffer.byteLength(methodArn) > LIMITS.methodArnBytes) return fromGateway(plainError(414, 'Request URI too long'));
    const prepared: Prepared = { request, requestId, extendedRequestId, path, query, route, methodArn };

    const cacheKey = cache.keyOf(request);
    if (cacheKey === 'missing') return gatewayError('UNAUTHORIZED');
    let output = cacheKey === undefined ? undefined : cache.get(cacheKey);
    if (!output) {
      const authorized = await invoke(() => handlers.authorizer(authorizerEvent(prepared), lambdaContext('authorizer')));
      if (!authorized.ok) {
        // Only exactly "Unauthorized" is a 401; any other failure of the authorizer is a 500:
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
        const unauthorized = authorized.error instanceof Error && authorized.error.message === 'Unauthorized';
        return gatewayError(unauthorized ? 'UNAUTHORIZED' : 'AUTHORIZER_CONFIGURATION_ERROR');
      }
      output = readAuthorizerOutput(authorized.value);
      if (!output) return gatewayError('AUTHORIZER_CONFIGURATION_ERROR');
      // A policy is cached whatever its effect, and applied as it stands to the next request of any method.
      if (cacheKey !== undefined) cache.set(cacheKey, output);
    }
    if (!policyAllows(output.statements, methodArn)) return gatewayError('ACCESS_DENIED');

    const event = proxyEvent(prepared, { principalId: output.principalId, ...output.context });
    // Lambda refuses an invocation over its payload limit (gettingstarted-limits.html); API Gateway answers 413 with its
    // default body, as seen from deployed APIs (requestTooLargeResponse), not documented.
    if (Buffer.byteLength(JSON.stringify(event)) > LIMITS.lambdaPayloadBytes) return fromGateway(requestTooLargeResponse());
    const result = await invoke(() => handler(event, lambdaContext(route.name)));
    if (!result.ok) {
      if (result.timedOut === 'integration') return gatewayError('INTEGRATION_TIMEOUT');
      // A function error (a throw, or its own timeout) is a 502: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
      return gatewayError('DEFAULT_5XX', 502);
    }
    const status = proxyResultStatus(result.value);
    if (status === undefined || Buffer.byteLength(JSON.stringify(result.value)) > LIMITS.lambdaPayloadBytes) {
      return gatewayError('DEFAULT_5XX', 502);
    }
    const response = result.value as APIGatewayProxyResult;
    return withRequestIds(
      {
        statusCode: status,
        headers: { ...response.headers },
        ...(response.multiValueHeaders ? { multiValueHeaders: response.multiValueHeaders } : {}),
        body: response.body ?? '',
        ...(response.isBase64Encoded ? { isBase64Encoded: true } : {}),
      },
      ids,
    );
  };
};

export type ApiGateway = ReturnType<typeof createApiGateway>;
