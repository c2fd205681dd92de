// Runs a request through the web ACL, the route table, the REQUEST authorizer and the function as API Gateway (REST) does,
// with its Gateway Responses and its documented limits. Each rule cites the AWS page it follows.
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayRequestAuthorizerEvent,
  Context,
} from 'aws-lambda';
import {
  contentLengthExceededResponse,
  type GatewayResponseType,
  gatewayErrorResponse,
  requestTooLargeResponse,
} from '../functions/http/gateway-responses.js';
import { apiRoutes, type RouteName } from '../functions/http/routes/index.js';
import { BINARY_MEDIA_TYPES, FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MAX_REQUEST_BODY_BYTES } from '../lib/runtime-settings.js';
import { matchesArn } from './iam-arn.js';

export type ApiRequest = {
  method: string;
  /** Path, with or without a query string. */
  path: string;
  /** Header names as the client sent them; a list for a repeated header. */
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp?: string;
};

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;
// Middy handlers type their context with what their middlewares add, and take an optional third argument.
export type ProxyHandler = (event: APIGatewayProxyEvent, context: any, ...rest: any[]) => Promise<APIGatewayProxyResult>;

export type GatewayOptions = {
  /** The functions' configured timeout; a function that runs longer fails, which API Gateway answers with 502. */
  functionTimeoutMs?: number;
  /** API Gateway's integration timeout (29 s by default). */
  integrationTimeoutMs?: number;
};

const STAGE = 'local';
const ACCOUNT = '123456789012';
const API_ID = 'localapi';
const REGION = 'us-east-1';

/** REST API quotas: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
export const LIMITS = {
  payloadBytes: 10 * 1024 * 1024,
  /** "Total combined size of all header values". */
  headerBytes: 10_240,
  /** "Length, in characters, of the URL for a regional API". */
  urlCharacters: 10_240,
  /** An authorization-enabled method's ARN; longer gives 414 (api-gateway-lambda-authorizer-output.html). */
  methodArnBytes: 1600,
  /** Lambda's synchronous invocation payload, request and response: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
  lambdaPayloadBytes: 6 * 1024 * 1024,
  integrationTimeoutMs: 29_000,
};

export const lambdaContext = (functionName: string, awsRequestId: string = randomUUID(), startedAt = Date.now()): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
  memoryLimitInMB: String(FUNCTION_MEMORY_MB),
  awsRequestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  // Counts down from the invocation's start: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
  getRemainingTimeInMillis: () => Math.max(0, startedAt + FUNCTION_TIMEOUT_SECONDS * 1000 - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

type RequestIds = { requestId: string; extendedRequestId: string };

/**
 * Every response API Gateway sends carries both of its request ids: x-amzn-RequestId, and the extended one in
 * x-amz-apigw-id (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
 */
const withRequestIds = (response: APIGatewayProxyResult, ids: RequestIds): APIGatewayProxyResult => ({
  ...response,
  headers: { ...response.headers, 'x-amzn-RequestId': ids.requestId, 'x-amz-apigw-id': ids.extendedRequestId },
});

const plainError = (statusCode: number, message: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

/** The header quota's answer is not documented; 431 is HTTP's status for it. */
const headersTooLarge = () => plainError(431, 'Request Header Fields Too Large');

/**
 * A request that is no HTTP a parser accepts: obs-fold, a space or NUL in the target, an invalid method or header
 * name, headers beyond even the local server's own limit. AWS's front end refuses such a request before it reaches
 * the API, and what it answers is not documented. Here headers too large get the header quota's 431, a request
 * that timed out 408, and any other the API's DEFAULT_4XX Gateway Response with status 400, so that every answer is
 * in the envelope or in AWS's {"message"} form, with request ids.
 */
export const unparsableRequestResponse = (reason: 'headers-too-large' | 'timed-out' | 'malformed'): APIGatewayProxyResult => {
  const ids = requestIdsOf();
  if (reason === 'headers-too-large') return withRequestIds(headersTooLarge(), ids);
  return withRequestIds(gatewayErrorResponse('DEFAULT_4XX', ids.extendedRequestId, reason === 'timed-out' ? 408 : 400), ids);
};

/**
 * `headers` holds the last value of each header, `multiValueHeaders` all of them, names as sent:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
const splitHeaders = (headers: ApiRequest['headers'] = {}) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    multi[name] = values;
    single[name] = values[values.length - 1] as string;
  }
  return { single, multi };
};

/** A Content-Type matches an entry of the same type and subtype, either of which may be the wildcard, parameters and letter case aside. */
export const matchesBinaryMediaType = (contentType: string | undefined, types: readonly string[]): boolean => {
  const [type = '', subtype = ''] = (contentType ?? '').split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  if (type === '' || subtype === '') return false;
  return types.some((entry) => {
    const [entryType, entrySubtype] = entry.toLowerCase().split('/');
    return (entryType === '*' || entryType === type) && (entrySubtype === '*' || entrySubtype === subtype);
  });
};

/**
 * The body as the function receives it. `request.body` is the client's bytes: UTF-8 text, or base64 when
 * `isBase64Encoded`. A request whose Content-Type matches the API's binaryMediaTypes reaches a proxy integration
 * base64-encoded with isBase64Encoded true, byte for byte; any other is converted to UTF-8 text
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html, and the
 * isBase64Encoded field of the proxy input format,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 * AWS does not document how a request without Content-Type is matched, nor what a text conversion does with
 * invalid UTF-8: here it matches nothing and invalid bytes become U+FFFD. The functions refuse such a body either
 * way, for its missing JSON content type.
 */
const deliveredBody = (request: ApiRequest): { body: string | null; isBase64Encoded: boolean } => {
  if (request.body === undefined) return { body: null, isBase64Encoded: false };
  const bytes = Buffer.from(request.body, request.isBase64Encoded ? 'base64' : 'utf8');
  const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return matchesBinaryMediaType([contentType ?? []].flat()[0], BINARY_MEDIA_TYPES)
    ? { body: bytes.toString('base64'), isBase64Encoded: true }
    : { body: bytes.toString('utf8'), isBase64Encoded: false };
};

const headerBytes = (headers: ApiRequest['headers'] = {}): number =>
  Object.entries(headers).reduce(
    (total, [name, value]) =>
      total + [value ?? []].flat().reduce((sum, item) => sum + Buffer.byteLength(name) + Buffer.byteLength(item), 0),
    0,
  );

const parseQuery = (query: string) => {
  if (query === '') return { single: null, multi: null };
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) multi[name] = [...(multi[name] ?? []), value];
  const single = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values[values.length - 1] as string]));
  return { single, multi };
};

type RouteMatch = { name: RouteName; resource: string; pathParameters: Record<string, string> | null };

/** The template's path parameters and their values when it matches the path, else undefined. */
const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const segments = path.replace(/\/$/, '').split('/');
  const parts = template.split('/');
  if (parts.length !== segments.length) return undefined;
  const parameters: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string;
    const parameter = /^\{(.+)\}$/.exec(part)?.[1];
    if (parameter) {
      if (segment === '') return undefined;
      // A REST API hands path parameters over as sent, not percent-decoded (unlike an HTTP API, which decodes:
      // http-api-develop-routes.html). Not documented for REST APIs; recorded against AWS in LocalStack's
      // tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json (test_lambda_aws_proxy_integration keeps
      // %2B), and reported in aws/aws-sam-cli#3524 and #771 and dherault/serverless-offline#265.
      parameters[parameter] = segment;
    } else if (part !== segment) return undefined;
  }
  return parameters;
};

/**
 * Orders templates as API Gateway picks a resource: at the first segment where they differ, a fixed one beats a variable.
 * AWS documents "most-specific match" routing for HTTP APIs (http-api-develop-routes.html); for REST resources the
 * same precedence is assumed, not documented.
 */
const moreSpecific = (a: string, b: string): number => {
  const [left, right] = [a.split('/'), b.split('/')];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const [x, y] = [left[index]?.startsWith('{'), right[index]?.startsWith('{')];
    if (x !== y) return x ? 1 : -1;
  }
  return 0;
};

/**
 * Finds the resource first, then the method on it: a path that matches a fixed resource never falls through to a
 * variable one (`GET /referrals/reject` is a missing method on `/referrals/reject`, not `/referrals/{id}`).
 */
const matchRoute = (method: string, path: string): RouteMatch | undefined => {
  const resources = [...new Set(apiRoutes.map((route) => route.path))]
    .filter((template) => matchTemplate(template, path))
    .sort(moreSpecific);
  const resource = resources[0];
  if (!resource) return undefined;
  const found = apiRoutes.find((route) => route.path === resource && route.method === method);
  if (!found) return undefined;
  const parameters = matchTemplate(resource, path) ?? {};
  return { name: found.name, resource, pathParameters: Object.keys(parameters).length ? parameters : null };
};

type Prepared = {
  request: ApiRequest;
  requestId: string;
  extendedRequestId: string;
  path: string;
  query: string;
  route: RouteMatch;
  methodArn: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A REST API's two request ids. `requestId` is the client's when it sends a UUID in x-amzn-RequestId (AWS documents that a
 * client can override it that way); `extendedRequestId` is always API Gateway's own:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * The extended id's format (16 characters, base64, like "AbCdEfGhIjKlMnO=") is as deployed APIs show it, not documented.
 */
export const requestIdsOf = (headers: ApiRequest['headers'] = {}): { requestId: string; extendedRequestId: string } => {
  const sent = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-amzn-requestid')?.[1];
  const requestId = typeof sent === 'string' && UUID.test(sent) ? sent : randomUUID();
  return { requestId, extendedRequestId: `${randomBytes(11).toString('base64').slice(0, 15)}=` };
};

const requestContext = (prepared: Prepared) => ({
  accountId: ACCOUNT,
  apiId: API_ID,
  authorizer: null as unknown as APIGatewayProxyEvent['requestContext']['authorizer'],
  domainName: `${API_ID}.execute-api.${REGION}.amazonaws.com`,
  httpMethod: prepared.request.method,
  path: `/${STAGE}${prepared.path}`,
  protocol: 'HTTP/1.1',
  requestId: prepared.requestId,
  extendedRequestId: prepared.extendedRequestId,
  requestTimeEpoch: Date.now(),
  resourceId: 'local',
  resourcePath: prepared.route.resource,
  stage: STAGE,
  identity: {
    sourceIp: prepared.request.sourceIp ?? '127.0.0.1',
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

/** What the authorizer event and the proxy event share: the route, the parameters and the headers as sent. */
const routeFields = (prepared: Prepared) => {
  const headers = splitHeaders(prepared.request.headers);
  const query = parseQuery(prepared.query);
  return {
    resource: prepared.route.resource,
    path: prepared.path,
    httpMethod: prepared.request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    pathParameters: prepared.route.pathParameters,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    stageVariables: null,
  };
};

/** The REQUEST authorizer event: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html */
const authorizerEvent = (prepared: Prepared): APIGatewayRequestAuthorizerEvent => ({
  type: 'REQUEST',
  methodArn: prepared.methodArn,
  ...routeFields(prepared),
  requestContext: requestContext(prepared) as APIGatewayRequestAuthorizerEvent['requestContext'],
});

/** The Lambda proxy event: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html */
const proxyEvent = (prepared: Prepared, authorizer: Record<string, unknown>): APIGatewayProxyEvent => ({
  ...routeFields(prepared),
  ...deliveredBody(prepared.request),
  requestContext: { ...requestContext(prepared), authorizer } as APIGatewayProxyEvent['requestContext'],
});

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };

/**
 * The authorizer's output must hold a principalId and a policy document; context values may only be strings,
 * numbers or booleans ("you cannot set a JSON object or array as a valid value of any key in the context map",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
 * Anything else is an AUTHORIZER_CONFIGURATION_ERROR.
 */
const readAuthorizerOutput = (
  output: unknown,
): { principalId: string; statements: Statement[]; context: Record<string, string> } | undefined => {
  if (typeof output !== 'object' || output === null) return undefined;
  const { principalId, policyDocument, context } = output as APIGatewayAuthorizerResult;
  if (typeof principalId !== 'string' || typeof policyDocument !== 'object' || policyDocument === null) return undefined;
  const statements = (policyDocument as { Statement?: unknown }).Statement;
  if (!Array.isArray(statements) || statements.length === 0) return undefined;
  const values = Object.entries(context ?? {});
  if (!values.every(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) return undefined;
  return { principalId, statements, context: Object.fromEntries(values.map(([key, value]) => [key, String(value)])) };
};

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/**
 * IAM evaluation of the returned policy against the method ARN: an explicit Deny wins, then an Allow, else denied.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 */
export const policyAllows = (statements: Statement[], methodArn: string): boolean => {
  const applies = (statement: Statement) =>
    listOf(statement.Action).some((action) => ['execute-api:Invoke', 'execute-api:*', '*'].includes(action)) &&
    listOf(statement.Resource).some((resource) => matchesArn(resource, methodArn));
  if (statements.some((statement) => statement.Effect === 'Deny' && applies(statement))) return false;
  return statements.some((statement) => statement.Effect === 'Allow' && applies(statement));
};

const PROXY_RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/**
 * The status of a Lambda proxy response API Gateway can use, or undefined for a malformed one, which is a 502
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html). As recorded against AWS in LocalStack's
 * test_apigateway_lambda.snapshot.json (test_aws_proxy_response_payload_format_validation): a numeric string
 * statusCode is taken, no statusCode is 200, a non-numeric one or a key outside the documented shape
 * (set-up-lambda-proxy-integrations.html) is malformed.
 */
export const proxyResultStatus = (result: unknown): number | undefined => {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const { statusCode, headers, body, multiValueHeaders } = result as Record<string, unknown>;
  if (Object.keys(result).some((key) => !PROXY_RESULT_KEYS.has(key))) return undefined;
  const isStringMap = (map: unknown, item: (value: unknown) => boolean) =>
    map === undefined || (typeof map === 'object' && map !== null && Object.values(map).every(item));
  const wellFormed =
    (body === undefined || body === null || typeof body === 'string') &&
    isStringMap(headers, (value) => ['string', 'number', 'boolean'].includes(typeof value)) &&
    isStringMap(multiValueHeaders, (value) => Array.isArray(value));
  if (!wellFormed) return undefined;
  if (statusCode === undefined) return 200;
  const status = typeof statusCode === 'string' && /^[0-9]+$/.test(statusCode) ? Number(statusCode) : statusCode;
  return Number.isInteger(status) ? (status as number) : undefined;
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
    if (bodyBytes > MAX_REQUEST_BODY_BYTES) return gatewayError('WAF_FILTERED');

    const route = matchRoute(request.method, path);
    const handler = route ? handlers.functions[route.name] : undefined;
    if (!route || !handler) return gatewayError('MISSING_AUTHENTICATION_TOKEN');
    const methodArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/${request.method}${path}`;
    if (Buffer.byteLength(methodArn) > LIMITS.methodArnBytes) return fromGateway(plainError(414, 'Request URI too long'));
    const prepared: Prepared = { request, requestId, extendedRequestId, path, query, route, methodArn };

    const authorized = await invoke(() => handlers.authorizer(authorizerEvent(prepared), lambdaContext('authorizer')));
    if (!authorized.ok) {
      // Only exactly "Unauthorized" is a 401; any other failure of the authorizer is a 500:
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
      const unauthorized = authorized.error instanceof Error && authorized.error.message === 'Unauthorized';
      return gatewayError(unauthorized ? 'UNAUTHORIZED' : 'AUTHORIZER_CONFIGURATION_ERROR');
    }
    const output = readAuthorizerOutput(authorized.value);
    if (!output) return gatewayError('AUTHORIZER_CONFIGURATION_ERROR');
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
