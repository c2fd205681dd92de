// The events API Gateway hands the functions for a matched request: the REQUEST authorizer's and the Lambda proxy integration's.
import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type ApiRequest, deliveredBody, parseQuery, splitHeaders } from './api-request.js';
import { ACCOUNT, API_ID, REGION, STAGE } from './deployment.js';
import type { RouteMatch } from './route-matching.js';

export type Prepared = {
  request: ApiRequest;
  requestId: string;
  extendedRequestId: string;
  path: string;
  query: string;
  route: RouteMatch;
  methodArn: string;
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
export const authorizerEvent = (prepared: Prepared): APIGatewayRequestAuthorizerEvent => ({
  type: 'REQUEST',
  methodArn: prepared.methodArn,
  ...routeFields(prepared),
  requestContext: requestContext(prepared) as APIGatewayRequestAuthorizerEvent['requestContext'],
});

/** The Lambda proxy event: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html */
export const proxyEvent = (prepared: Prepared, authorizer: Record<string, unknown>): APIGatewayProxyEvent => ({
  ...routeFields(prepared),
  ...deliveredBody(prepared.request),
  requestContext: { ...requestContext(prepared), authorizer } as APIGatewayProxyEvent['requestContext'],
});
