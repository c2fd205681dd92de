// Runs a request through the route, the REQUEST authorizer and the function as API Gateway (REST) does, with its Gateway Responses.
import { randomUUID } from 'node:crypto';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import { errorEnvelope, type GatewayErrorKind, gatewayErrors, httpResponse } from '../functions/shared/envelope.js';

export type ApiRequest = {
  method: string;
  /** Path without the query string. */
  path: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp?: string;
};

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;
// Middy handlers type their context with what their middlewares add, and take an optional third argument.
export type ProxyHandler = (event: APIGatewayProxyEvent, context: any, ...rest: any[]) => Promise<APIGatewayProxyResult>;

export const REJECT_ROUTE = {
  method: 'POST',
  resource: '/api/v1/admin/referrals/{id}/reject',
  pattern: /^\/api\/v1\/admin\/referrals\/([^/]+)\/reject\/?$/,
} as const;

const STAGE = 'local';
const ACCOUNT = '123456789012';
const API_ID = 'localapi';

export const lambdaContext = (functionName: string, awsRequestId: string = randomUUID()): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${functionName}`,
  memoryLimitInMB: '1024',
  awsRequestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

export const gatewayErrorResponse = (kind: GatewayErrorKind, requestId: string): APIGatewayProxyResult =>
  httpResponse(errorEnvelope(requestId, gatewayErrors[kind]));

const splitHeaders = (headers: ApiRequest['headers'] = {}) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    multi[name] = values;
    single[name] = values[values.length - 1]!;
  }
  return { single, multi };
};

const requestContext = (request: ApiRequest, requestId: string, path: string) => ({
  accountId: ACCOUNT,
  apiId: API_ID,
  authorizer: undefined as unknown as APIGatewayProxyEvent['requestContext']['authorizer'],
  httpMethod: request.method,
  path: `/${STAGE}${path}`,
  protocol: 'HTTP/1.1',
  requestId,
  requestTimeEpoch: Date.now(),
  resourceId: 'local',
  resourcePath: REJECT_ROUTE.resource,
  stage: STAGE,
  identity: {
    sourceIp: request.sourceIp ?? '127.0.0.1',
    userAgent: null,
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    user: null,
    userArn: null,
  },
});

/** What the authorizer event and the proxy event share: the route, the path parameter and the headers. */
const routeFields = (request: ApiRequest, id: string) => {
  const { single, multi } = splitHeaders(request.headers);
  return {
    resource: REJECT_ROUTE.resource,
    path: request.path,
    httpMethod: request.method,
    headers: single,
    multiValueHeaders: multi,
    pathParameters: { id },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
  };
};

/** The REQUEST authorizer event API Gateway sends for this request. */
export const authorizerEvent = (request: ApiRequest, requestId: string, id: string): APIGatewayRequestAuthorizerEvent => ({
  type: 'REQUEST',
  methodArn: `arn:aws:execute-api:us-east-1:${ACCOUNT}:${API_ID}/${STAGE}/${request.method}${request.path}`,
  ...routeFields(request, id),
  requestContext: requestContext(request, requestId, request.path) as APIGatewayRequestAuthorizerEvent['requestContext'],
});

/** The proxy integration event the function receives once the authorizer admitted the caller. */
export const proxyEvent = (
  request: ApiRequest,
  requestId: string,
  id: string,
  authorizer: Record<string, unknown> | null,
): APIGatewayProxyEvent => ({
  ...routeFields(request, id),
  body: request.body ?? null,
  isBase64Encoded: request.isBase64Encoded ?? false,
  requestContext: { ...requestContext(request, requestId, request.path), authorizer } as APIGatewayProxyEvent['requestContext'],
});

const isAllowed = (result: APIGatewayAuthorizerResult): boolean => {
  const statements = result.policyDocument?.Statement ?? [];
  return statements.length > 0 && statements.every((statement) => statement.Effect === 'Allow');
};

/** API Gateway hands the authorizer context to the integration with every value as a string. */
const stringifyContext = (result: APIGatewayAuthorizerResult): Record<string, string> => ({
  principalId: result.principalId,
  ...Object.fromEntries(Object.entries(result.context ?? {}).map(([key, value]) => [key, String(value)])),
});

export const createApiGateway =
  (handlers: { authorizer: AuthorizerHandler; reject: ProxyHandler }) =>
  async (request: ApiRequest): Promise<APIGatewayProxyResult> => {
    const requestId = randomUUID();
    const match = REJECT_ROUTE.pattern.exec(request.path);
    if (!match || request.method !== REJECT_ROUTE.method) return gatewayErrorResponse('MISSING_AUTHENTICATION_TOKEN', requestId);
    const id = match[1]!;

    let authorization: APIGatewayAuthorizerResult;
    try {
      authorization = await handlers.authorizer(authorizerEvent(request, requestId, id), lambdaContext('authorizer'));
    } catch (error) {
      const unauthorized = error instanceof Error && error.message === 'Unauthorized';
      return gatewayErrorResponse(unauthorized ? 'UNAUTHORIZED' : 'AUTHORIZER_FAILURE', requestId);
    }
    if (!isAllowed(authorization)) return gatewayErrorResponse('ACCESS_DENIED', requestId);

    try {
      const result = await handlers.reject(
        proxyEvent(request, requestId, id, stringifyContext(authorization)),
        lambdaContext('reject-referral'),
      );
      return result;
    } catch {
      // An unhandled function error is a 502 at API Gateway; the envelope keeps it readable.
      return gatewayErrorResponse('DEFAULT_5XX', requestId);
    }
  };
