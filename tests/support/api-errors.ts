// What a use case rejected with, as the edge answers it: the typed ApiError its domain error maps to.
import { expect } from 'vitest';
import { ApiError } from '../../functions/http/api-error.js';
import { toApiError } from '../../functions/http/error-mapping.js';

export const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  const mapped = toApiError(error);
  // Nothing a use case throws on purpose is an unknown error.
  expect(mapped.type).not.toBe('internal');
  expect(mapped).toBeInstanceOf(ApiError);
  return mapped;
};
