// API Gateway's two request ids: taken or generated for each request, and set on every response it sends.
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiRequest } from './api-request.js';

type RequestIds = { requestId: string; extendedRequestId: string };

/**
 * Every response API Gateway sends carries both of its request ids: x-amzn-RequestId, and the extended one in
 * x-amz-apigw-id (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
 */
export const withRequestIds = (response: APIGatewayProxyResult, ids: RequestIds): APIGatewayProxyResult => ({
  ...response,
  headers: { ...response.headers, 'x-amzn-RequestId': ids.requestId, 'x-amz-apigw-id': ids.extendedRequestId },
});

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
