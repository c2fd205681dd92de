// The ApiError a use case rejected with, asserted to be one.
import { expect } from 'vitest';
import { ApiError } from '../../functions/shared/api-error.js';

export const failure = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};
