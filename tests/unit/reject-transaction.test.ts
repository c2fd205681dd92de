import { describe, expect, it } from 'vitest';
import { buildRejectTransaction, readCancellation } from '../../functions/adapters/referral-store.js';
import { planRejection } from '../../functions/referrals/reject-plan.js';
import { plans } from '../../functions/billing/plans.js';
import { marshall } from '@aws-sdk/util-dynamodb';

const now = new Date('2026-11-25T10:00:00.000Z');
const principal = { userId: 'u1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: false } as const;
const outcome = planRejection({
  request: { attributionId: 'attr-1', reason: 'fraud', idempotencyKey: 'k1' },
  principal,
  plan: plans.growth,
  charge: { overage: false, includedLimit: 100_000 },
  state: { attribution: { id: 'attr-1', status: 'review_required' }, rewards: [] },
  requestId: 'req-1',
  now,
});

describe('the reject write plan', () => {
  it('changes the referral, charges one credit under the daily cap and the included credits, and keeps the response', () => {
    expect(outcome.write).toMatchObject({
      attributionId: 'attr-1',
      expectedStatus: 'review_required',
      changes: { status: 'rejected', reviewed_by: 'u1', review_reason: 'fraud', reviewed_at: now.toISOString() },
      usage: { request_id: 'req-1', credits: 1, overage: false, status_code: 200 },
      day: { window: '2026-11-25', credits: 1, ceiling: 25_000 },
      month: { window: '2026-11', credits: 1, ceiling: 100_000 },
      idempotency: { key: 'k1', response: outcome.response },
    });
    expect(JSON.parse(outcome.response.body)).toMatchObject({ code: 200, data: { attribution: { status: 'rejected' }, rewards: [] } });
  });

  it('becomes one transaction whose every write is conditional', () => {
    const { TransactItems } = buildRejectTransaction({ referrals: 'r', usage: 'u' }, outcome.write);
    expect(TransactItems).toHaveLength(5);
    expect(TransactItems!.map((item) => (item.Update ?? item.Put)?.ConditionExpression)).toEqual([
      '#status = :expected',
      'attribute_not_exists(pk)',
      'attribute_not_exists(credits) OR credits <= :room',
      'attribute_not_exists(credits) OR credits <= :room',
      'attribute_not_exists(pk) OR expires_at < :now',
    ]);
  });
});

describe('reading a cancelled transaction', () => {
  const failed = (item?: Record<string, unknown>) => ({ Code: 'ConditionalCheckFailed', ...(item ? { Item: marshall(item) } : {}) });
  const none = { Code: 'None' };

  it('tells a missing referral from one in another status, without a read', () => {
    expect(readCancellation([failed(), none, none, none])).toEqual({ kind: 'attribution_missing' });
    expect(readCancellation([failed({ pk: 'a', sk: 'attribution', status: 'rewarded' }), none, none, none])).toEqual({ kind: 'attribution_status', status: 'rewarded' });
  });

  it('names the daily cap, the included credits, a replay and plain contention', () => {
    expect(readCancellation([none, none, failed({ credits: 3 }), none])).toEqual({ kind: 'daily_cap' });
    expect(readCancellation([none, none, none, failed({ credits: 9 })])).toEqual({ kind: 'included_credits' });
    expect(readCancellation([failed({ status: 'rejected' }), none, none, none, failed({ pk: 'p', sk: 's', key: 'k', fingerprint: 'f', response: { statusCode: 200, body: '{}' }, expires_at: 1 })])).toEqual({
      kind: 'idempotency_replay',
      record: { key: 'k', fingerprint: 'f', response: { statusCode: 200, body: '{}' }, expires_at: 1 },
    });
    expect(readCancellation([{ Code: 'TransactionConflict' }, none, none, none])).toEqual({ kind: 'contention' });
  });
});
