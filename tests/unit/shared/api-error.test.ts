import { describe, expect, it } from 'vitest';
import { ApiError, dependencyUnavailable, isWriteOutcomeUnknown, WriteOutcomeUnknown } from '../../../functions/shared/api-error.js';

describe('typed errors', () => {
  it('keep their type, status, cause and name', () => {
    const cause = new Error('socket hang up');
    const error = dependencyUnavailable(cause);
    expect(error).toMatchObject({ name: 'ApiError', type: 'dependency_unavailable', statusCode: 500, retryable: true, expose: false });
    expect(error.cause).toBe(cause);
    expect(new ApiError('conflict', { message: 'taken' })).toMatchObject({ message: 'taken', expose: true, headers: {} });
  });

  it('say when a write may have been applied, as a retryable 500 whose context tells the client', () => {
    const cause = new Error('lost');
    const unknown = new WriteOutcomeUnknown(cause);
    expect(unknown).toMatchObject({ type: 'dependency_unavailable', retryable: true, context: { write_outcome: 'unknown' } });
    expect(unknown.cause).toBe(cause);
    expect(isWriteOutcomeUnknown(unknown)).toBe(true);
    expect(isWriteOutcomeUnknown(dependencyUnavailable(cause))).toBe(false);
  });
});
