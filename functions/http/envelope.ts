// The response envelope {code, msg, data} shared by the function, the gateway responses and the local API; its schemas,
// which only the OpenAPI document and the tests read, are in envelope-schemas.ts, out of the functions' bundles.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiError, ErrorContext } from './api-error.js';
import type { ErrorEnvelope } from './envelope-schemas.js';
import { type ErrorType, errorTypes } from './error-types.js';

export type { ErrorEnvelope } from './envelope-schemas.js';

export type SuccessEnvelope<T> = { code: number; msg: 'ok'; data: T; request_id: string };

export const successEnvelope = <T>(requestId: string, data: T, code = 200): SuccessEnvelope<T> => ({
  code,
  msg: 'ok',
  data,
  request_id: requestId,
});

export const errorEnvelope = (
  requestId: string,
  type: ErrorType,
  options: { msg?: string; context?: ErrorContext } = {},
): ErrorEnvelope => {
  const spec = errorTypes[type];
  return {
    code: spec.status,
    msg: options.msg ?? spec.msg,
    data: null,
    error: { type, retryable: spec.retryable, ...(options.context ? { context: options.context } : {}) },
    request_id: requestId,
  };
};

/**
 * The id that names a request in the envelope, the logs, the usage record and the audit trail: the one API Gateway
 * generates, `extendedRequestId`. A client can choose `requestId` by sending `x-amzn-RequestId`, so it keys nothing
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html). Without one (an event made by
 * hand), Lambda's own invocation id, which no client chooses either.
 */
export const requestIdOf = (event: { requestContext?: { extendedRequestId?: string | undefined } }, fallback = 'unknown'): string =>
  event.requestContext?.extendedRequestId ?? fallback;

export const jsonHeaders = (requestId: string): Record<string, string> => ({
  'content-type': 'application/json',
  'x-request-id': requestId,
});

export const httpResponse = (
  envelope: SuccessEnvelope<unknown> | ErrorEnvelope,
  headers: Record<string, string> = {},
): APIGatewayProxyResult => ({
  statusCode: envelope.code,
  headers: { ...headers, ...jsonHeaders(envelope.request_id) },
  body: JSON.stringify(envelope),
});

/**
 * An error's message reaches the client only when it is exposed (below 500); a 5xx says only its type's public message.
 * A limit's `retry_after` (seconds) is also the Retry-After header.
 */
export const errorResponse = (requestId: string, error: ApiError): APIGatewayProxyResult => {
  const retryAfter = error.context?.retry_after;
  return httpResponse(errorEnvelope(requestId, error.type, { ...(error.expose ? { msg: error.message } : {}), context: error.context }), {
    ...(typeof retryAfter === 'number' ? { 'retry-after': String(retryAfter) } : {}),
    ...error.headers,
  });
};

/** The status a route answers a success with, unless it names another. */
export const SUCCESS_STATUS = 200;

/**
 * A success: the envelope names the request that first produced it (a replay keeps the first request's id),
 * the `x-request-id` header names this request.
 */
export const successResponse = (
  requestId: string,
  result: { requestId: string; data: unknown },
  headers: Record<string, string> = {},
  statusCode = SUCCESS_STATUS,
): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...headers, ...jsonHeaders(requestId) },
  body: JSON.stringify(successEnvelope(result.requestId, result.data, statusCode)),
});
