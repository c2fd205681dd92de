// The envelope's schemas, for the OpenAPI document and the tests: the functions render envelopes without them.
import * as v from 'valibot';
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
