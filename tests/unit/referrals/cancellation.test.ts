import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../functions/http/error-mapping.js';
import type { IdempotencyRecord } from '../../../functions/idempotency/record.js';
import { answerCancellation } from '../../../functions/referrals/cancellation.js';
import type { DecisionCancellation } from '../../../functions/referrals/ports.js';

const record: IdempotencyRecord = { key: 'key-1', fingerprint: 'f', result: '{}', expires_at: 1_800_000_000 };

const answer = (cancellation: DecisionCancellation, keyed = false) =>
  answerCancellation(cancellation, {
    attributionId: 'attr-1',
    expectedStatus: 'review_required',
    keyed,
    replay: (stored) => `replayed ${stored.key}`,
  });

/** The error an answer throws, as the edge maps it. */
const thrown = (cancellation: DecisionCancellation, keyed = false) => {
  try {
    answer(cancellation, keyed);
  } catch (error) {
    return toApiError(error);
  }
  throw new Error('expected an error');
};

describe('a cancelled transaction on one referral', () => {
  it('answers the stored answer of an earlier request with the same key', () => {
    expect(answer({ kind: 'idempotency_replay', record })).toEqual({ ok: true, value: 'replayed key-1' });
  });

  it("answers a plan limit's refusal as a refusal, not an error", () => {
    expect(answer({ kind: 'daily_cap' })).toEqual({ ok: false, refusal: 'daily_cap' });
    expect(answer({ kind: 'included_credits' })).toEqual({ ok: false, refusal: 'included_credits' });
  });

  it('names the referral that does not exist, the status it had instead of the expected one, and who holds it', () => {
    expect(thrown({ kind: 'attribution_missing' })).toMatchObject({ statusCode: 404, type: 'not_found', context: { id: 'attr-1' } });
    const conflict = thrown({ kind: 'attribution_status', status: 'rejected' });
    expect(conflict).toMatchObject({ statusCode: 409, type: 'conflict', context: { id: 'attr-1', status: 'rejected' } });
    expect(conflict.message).toBe('Referral attribution is rejected, not review_required');
    expect(thrown({ kind: 'claimed', claim: { by: 'bob', untilMs: Date.parse('2026-11-25T10:15:00.000Z') } })).toMatchObject({
      statusCode: 409,
      type: 'claimed',
      context: { claimed_by: 'bob', claimed_until: '2026-11-25T10:15:00.000Z' },
    });
  });

  it('answers contention as a busy referral, or, for a keyed request, as its key still in progress', () => {
    expect(thrown({ kind: 'contention' })).toMatchObject({ type: 'concurrent_update', retryable: true });
    expect(thrown({ kind: 'contention' }, true)).toMatchObject({ type: 'request_in_progress', retryable: true });
  });
});
