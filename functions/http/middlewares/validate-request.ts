// Validates the event with a valibot schema and hands the typed input to the handler; failures are 400s that name the field.
import type { MiddlewareObj } from '@middy/core';
import * as v from 'valibot';
import { ApiError } from '../api-error.js';
import type { ValidationContext } from '../error-contexts.js';
import type { ApiContext } from './request-context.js';

export const validateRequest = <S extends v.GenericSchema, T>(
  schema: S,
  toInput: (parsed: v.InferOutput<S>) => T,
): MiddlewareObj<unknown, unknown, Error, ApiContext<T>> => ({
  before: (request) => {
    const result = v.safeParse(schema, request.event);
    if (!result.success) {
      const context: ValidationContext = {
        issues: result.issues.map((issue) => ({ field: v.getDotPath(issue) ?? '', message: issue.message })),
      };
      throw new ApiError('invalid_request', { message: context.issues[0]?.message, context });
    }
    request.context.input = toInput(result.output);
  },
});
