// API Gateway's documented request quotas, and its answers to a request over one or to one no HTTP parser accepts.
import type { APIGatewayProxyResult } from 'aws-lambda';
import { gatewayErrorResponse } from '../functions/http/gateway-responses.js';
import type { ApiRequest } from './api-request.js';
import { requestIdsOf, withRequestIds } from './request-ids.js';

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

export const plainError = (statusCode: number, message: string): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

/** The header quota's answer is not documented; 431 is HTTP's status for it. */
export const headersTooLarge = () => plainError(431, 'Request Header Fields Too Large');

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

export const headerBytes = (headers: ApiRequest['headers'] = {}): number =>
  Object.entries(headers).reduce(
    (total, [name, value]) =>
      total + [value ?? []].flat().reduce((sum, item) => sum + Buffer.byteLength(name) + Buffer.byteLength(item), 0),
    0,
  );
