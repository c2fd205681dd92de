// The response envelope {code, msg, data} shared by the function, the gateway responses and the local API.
import type { APIGatewayProxyResult } from 'aws-lambda';
import * as v from 'valibot';
import type { ApiError, ErrorContext } from './api-error.js';
import { type ErrorType, errorTypes } from './error-types.js';

/** Every error type, as a schema (documented as an enum). */
export const ErrorTypeSchema = v.picklist(Object.keys(errorTypes) as ErrorType[]);

export const ErrorBodySchema = v.object({
  type: ErrorTypeSchema,
  retryable: v.pipe(v.boolean(), v.metadata({ description: 'Whether the same request may succeed later' })),
  context: v.optional(
    v.pipe(v.record(v.string(), v.unknown()), v.metadata({ description: 'Client-safe details, e.g. issues, status, limit' })),
  ),
});

const requestIdField = v.pipe(
  v.string(),
  v.metadata({
    description: "The id API Gateway generated for the request (its extendedRequestId); also in the function's x-request-id header",
  }),
);

/** The envelope every response shares (`app.Response`): code equals the HTTP status. */
export const EnvelopeSchema = v.object({
  code: v.pipe(v.number(), v.integer(), v.metadata({ description: 'The HTTP status' })),
  msg: v.string(),
  data: v.unknown(),
  error: v.optional(ErrorBodySchema),
  request_id: requestIdField,
});

export const ErrorEnvelopeSchema = v.object({
  code: v.pipe(v.number(), v.integer()),
  msg: v.string(),
  data: v.null(),
  error: ErrorBodySchema,
  request_id: requestIdField,
});
export type ErrorEnvelope = v.InferOutput<typeof ErrorEnvelopeSchema>;

export const successEnvelopeSchema = <S extends v.GenericSchema>(data: S) =>
  v.object({ code: v.pipe(v.number(), v.integer()), msg: v.literal('ok'), data, request_id: requestIdField });
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

/**
 * A success: the envelope names the request that first produced it (a replay keeps the first request's id),
 * the `x-request-id` header names this request.
 */
export const successResponse = (
  requestId: string,
  result: { requestId: string; data: unknown },
  headers: Record<string, string> = {},
  statusCode = 200,
): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...headers, ...jsonHeaders(requestId) },
  body: JSON.stringify(successEnvelope(result.requestId, result.data, statusCode)),
});
