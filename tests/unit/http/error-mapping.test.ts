import { describe, expect, it } from 'vitest';
import { LimitReached } from '../../../functions/billing/errors.js';
import { ApiError } from '../../../functions/http/api-error.js';
import { toApiError } from '../../../functions/http/error-mapping.js';
import { IdempotencyKeyReused, RequestInProgress } from '../../../functions/idempotency/errors.js';
import { InvalidCursor, NotAwaitingReview, ReferralNotFound } from '../../../functions/referrals/errors.js';
import { Contention, DependencyUnavailable, WriteOutcomeUnknown } from '../../../functions/shared/dependency-errors.js';
import { DomainError } from '../../../functions/shared/domain-error.js';

const limit = { limit: 'daily_credits', value: 10, resets_at: '2026-12-01T00:00:00.000Z', retry_after: 60 } as const;

describe('the edge maps what the domain and the adapters throw, once', () => {
  it.each([
    [new ReferralNotFound('attr-1'), { type: 'not_found', statusCode: 404, expose: true, context: { id: 'attr-1' } }],
    [
      new NotAwaitingReview('attr-1', 'rewarded', 'review_required'),
      {
        type: 'conflict',
        statusCode: 409,
        message: 'Referral attribution is rewarded, not review_required',
        context: { id: 'attr-1', status: 'rewarded' },
      },
    ],
    [
      new InvalidCursor(),
      {
        type: 'invalid_request',
        statusCode: 400,
        context: { issues: [{ field: 'queryStringParameters.cursor', message: 'cursor is not valid for this query' }] },
      },
    ],
    [new LimitReached('daily_cap_reached', limit), { type: 'daily_cap_reached', statusCode: 429, retryable: true, context: limit }],
    [
      new IdempotencyKeyReused(new Date('2026-12-01T10:00:00.000Z')),
      { type: 'idempotency_key_reused', statusCode: 422, context: { idempotency_key_expires_at: '2026-12-01T10:00:00.000Z' } },
    ],
    [new RequestInProgress(), { type: 'request_in_progress', statusCode: 409, retryable: true }],
    [new Contention(), { type: 'concurrent_update', statusCode: 409, retryable: true }],
    [
      new DependencyUnavailable(new Error('throttled')),
      { type: 'dependency_unavailable', statusCode: 500, retryable: true, expose: false },
    ],
    [
      new WriteOutcomeUnknown(new Error('lost')),
      { type: 'dependency_unavailable', statusCode: 500, retryable: true, expose: false, context: { write_outcome: 'unknown' } },
    ],
  ])('%s', (thrown, expected) => {
    const mapped = toApiError(thrown);
    expect(mapped).toBeInstanceOf(ApiError);
    expect(mapped).toMatchObject(expected);
    expect(mapped.cause).toBe(thrown);
  });

  it('passes the cause of a dependency failure through, and answers a domain error of an unmapped code with a generic 500', () => {
    const cause = new Error('socket hang up');
    expect(new WriteOutcomeUnknown(cause)).toMatchObject({ cause, code: 'DEPENDENCY.WRITE_OUTCOME_UNKNOWN' });
    expect(new DependencyUnavailable(cause).cause).toBe(cause);
    class Unmapped extends DomainError {
      readonly code = 'TEST.UNMAPPED';
    }
    expect(toApiError(new Unmapped('hidden detail'))).toMatchObject({ type: 'internal', statusCode: 500, expose: false });
  });

  it('keeps an ApiError as it is, and answers anything else with a generic 500 that shows nothing', () => {
    const own = new ApiError('conflict', { message: 'taken' });
    expect(toApiError(own)).toBe(own);
    expect(own).toMatchObject({ message: 'taken', expose: true, headers: {} });
    expect(toApiError(new TypeError('secret detail'))).toMatchObject({
      type: 'internal',
      statusCode: 500,
      expose: false,
      message: 'Internal server error',
    });
  });
});
