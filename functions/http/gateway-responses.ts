// The answers API Gateway gives itself (Gateway Responses), in the envelope: one table for the stack and the local emulation.
// Types and their default statuses: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
import type { APIGatewayProxyResult } from 'aws-lambda';
import * as v from 'valibot';
import { errorEnvelope } from './envelope.js';
import { type ErrorType, errorTypes } from './error-types.js';

export type GatewayResponseSpec = {
  type: ErrorType;
  /**
   * The status API Gateway answers with. null for the two fallbacks: their status is left unset, as AWS
   * documents that setting it would change the status of every other 4XX or 5XX response.
   */
  status: number | null;
};

export const gatewayResponses = {
  UNAUTHORIZED: { type: 'unauthorized', status: 401 },
  ACCESS_DENIED: { type: 'forbidden', status: 403 },
  EXPIRED_TOKEN: { type: 'access_denied', status: 403 },
  INVALID_SIGNATURE: { type: 'access_denied', status: 403 },
  INVALID_API_KEY: { type: 'access_denied', status: 403 },
  WAF_FILTERED: { type: 'request_blocked', status: 403 },
  // AWS's default is 403; an unknown route or method is a 404 here.
  MISSING_AUTHENTICATION_TOKEN: { type: 'route_not_found', status: 404 },
  RESOURCE_NOT_FOUND: { type: 'route_not_found', status: 404 },
  BAD_REQUEST_PARAMETERS: { type: 'invalid_request', status: 400 },
  BAD_REQUEST_BODY: { type: 'invalid_request', status: 400 },
  UNSUPPORTED_MEDIA_TYPE: { type: 'unsupported_media_type', status: 415 },
  THROTTLED: { type: 'rate_limited', status: 429 },
  QUOTA_EXCEEDED: { type: 'rate_limited', status: 429 },
  AUTHORIZER_FAILURE: { type: 'dependency_unavailable', status: 500 },
  AUTHORIZER_CONFIGURATION_ERROR: { type: 'dependency_unavailable', status: 500 },
  API_CONFIGURATION_ERROR: { type: 'internal', status: 500 },
  INTEGRATION_TIMEOUT: { type: 'gateway_timeout', status: 504 },
  // INTEGRATION_FAILURE is left undefined, so it falls back to DEFAULT_5XX and keeps its status: a throttled invocation
  // reaches it ("If the Lambda API rejects the invocation request, API Gateway returns a 500",
  // https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html; that the type is INTEGRATION_FAILURE is
  // reported from deployed APIs, not documented), and its documented default of 504 would tell a client it timed out
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
  // Lambda function errors, malformed function responses (502) and refused invocations such as throttles (500)
  // arrive here: https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html
  DEFAULT_5XX: { type: 'upstream_failure', status: null },
  DEFAULT_4XX: { type: 'invalid_request', status: null },
} as const satisfies Record<string, GatewayResponseSpec>;

export type GatewayResponseType = keyof typeof gatewayResponses;

/**
 * The body template the stack gives each Gateway Response. API Gateway substitutes $context variables in it
 * (without running VTL), so the envelope carries the request id. A fallback's status cannot be known in its
 * template, so its `code` is its type's usual status (400, 502) and the HTTP status is the authority.
 */
export const gatewayResponseTemplate = (kind: GatewayResponseType): string =>
  JSON.stringify(errorEnvelope(GATEWAY_REQUEST_ID, gatewayResponses[kind].type));

/**
 * The request id in a Gateway Response's body: the id API Gateway generates, as the functions answer with, from the
 * $context variables that templates may use
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 */
export const GATEWAY_REQUEST_ID = '$context.extendedRequestId';

/**
 * The headers every Gateway Response carries: static values only. A Gateway Response header may be mapped from the
 * method request's parameters, stage variables or a static value; no source gives the request id
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.responseParameters.html), so it is
 * in the body, and API Gateway sends its own x-amzn-RequestId header.
 */
export const GATEWAY_RESPONSE_HEADERS = { 'content-type': "'application/json'" };

/** A Gateway Response as API Gateway sends it; `status` is the actual status, used by the fallbacks. */
export const gatewayErrorResponse = (kind: GatewayResponseType, requestId: string, status?: number): APIGatewayProxyResult => {
  const spec: GatewayResponseSpec = gatewayResponses[kind];
  return {
    statusCode: spec.status ?? status ?? errorTypes[spec.type].status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(errorEnvelope(requestId, spec.type)),
  };
};

/**
 * 413 cannot be customized ("Customizing the default gateway response for 413 REQUEST_TOO_LARGE isn't currently
 * supported", https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html). Neither answer
 * below is documented; both are as deployed APIs were seen to answer (koki-develop/lgtm-generator#10).
 * A Lambda event over the 6 MB invocation payload: API Gateway's default {"message": ...} body.
 */
export const requestTooLargeResponse = (): APIGatewayProxyResult => ({
  statusCode: 413,
  headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' },
  body: JSON.stringify({ message: 'Request Too Long' }),
});

/** A body over API Gateway's 10 MB payload quota: refused at the edge, in plain text, before API Gateway names the request. */
export const contentLengthExceededResponse = (limit: number): APIGatewayProxyResult => ({
  statusCode: 413,
  headers: { 'content-type': 'text; charset=utf-8' },
  body: `HTTP content length exceeded ${limit} bytes.`,
});

/** The body of API Gateway's own default responses (413, 414): {"message": "..."}. */
export const GatewayMessageSchema = v.object({ message: v.string() });
