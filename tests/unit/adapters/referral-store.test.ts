import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { buildDecisionTransaction, readCancellation } from '../../../functions/adapters/referral-store.js';
import { queueShard } from '../../../functions/adapters/referrals-table.js';
import { itemsOf } from '../../../functions/adapters/transact.js';
import { planCharge } from '../../../functions/billing/charge.js';
import { plans } from '../../../functions/billing/plans.js';
import { buildIdempotencyRecord } from '../../../functions/idempotency/record.js';
import { decisionActivity } from '../../../functions/referrals/activity.js';
import { APPROVE, decisionChanges, REJECT } from '../../../functions/referrals/decision.js';
import type { DecisionWritePlan } from '../../../functions/referrals/ports.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const principal = { userId: 'u1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: false } as const;
const charge = planCharge(
  { principal, plan: plans.growth, requestId: 'req-1', price: { endpoint: 'POST /x', statusCode: 200, credits: 1 }, now },
  { overage: false, includedLimit: 100_000 },
);
const write: DecisionWritePlan = {
  attributionId: 'attr-1',
  expectedStatus: 'review_required',
  changes: decisionChanges(REJECT, { attributionId: 'attr-1', reason: 'fraud', reviewer: 'u1', now }),
  activity: decisionActivity({
    decision: REJECT,
    before: { id: 'attr-1', status: 'review_required', review_reason: 'same_stripe_customer' },
    after: { id: 'attr-1', status: 'rejected', review_reason: 'same_stripe_customer', reviewed_at: now.toISOString(), reviewed_by: 'u1' },
    reason: 'fraud',
    principal,
    requestId: 'req-1',
  }),
  charge,
  idempotency: buildIdempotencyRecord('k1', 'fp', { requestId: 'req-1', data: {} }, now),
};

describe('the reject transaction', () => {
  const named = buildDecisionTransaction({ referrals: 'r', usage: 'u' }, write);
  const { TransactItems } = itemsOf(named);

  it('changes the referral, records its activity, charges one credit under the daily cap and the included credits, and keeps the idempotency record', () => {
    expect(TransactItems).toHaveLength(6);
    expect(TransactItems?.[0]?.Update).toMatchObject({ TableName: 'r', Key: { pk: 'attr-1', sk: 'attribution' } });
    // The fraud checks' review_reason is not touched: only status, reviewed_at and reviewed_by are set, and the
    // queue key moves with the status to the rejected queue's shard of this id.
    // The reviewer and the instant also stand in the claim condition: someone else's live claim refuses the decision.
    expect(Object.values(TransactItems?.[0]?.Update?.ExpressionAttributeValues ?? {})).toEqual([
      'review_required',
      'u1',
      now.getTime(),
      'rejected',
      now.toISOString(),
      'u1',
      `rejected#${queueShard('attr-1')}`,
    ]);
    // A decision clears any claim.
    expect(TransactItems?.[0]?.Update?.UpdateExpression).toBe(
      'SET #f0 = :f0, #f1 = :f1, #f2 = :f2, #queue = :queue REMOVE #claimedBy, #claimedUntil, #decidedUnder',
    );
    expect(TransactItems?.[0]?.Update?.ExpressionAttributeNames).toMatchObject({ '#queue': 'queue_key' });
    expect(TransactItems?.[1]?.Put).toMatchObject({
      TableName: 'r',
      Item: {
        pk: 'attr-1',
        sk: `activity#${now.toISOString()}#req-1`,
        action: 'reject',
        previous_status: 'review_required',
        previous_review_reason: 'same_stripe_customer',
        reason: 'fraud',
        actor: 'u1',
        auth_method: 'api_key',
        subject_id: 'key_1',
        request_id: 'req-1',
        at: now.toISOString(),
        attribution: { id: 'attr-1', status: 'rejected' },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(TransactItems?.[2]?.Put).toMatchObject({
      TableName: 'u',
      Item: { pk: 'account#u1', sk: 'usage#req-1', credits: 1, overage: false },
    });
    expect(TransactItems?.[3]?.Update).toMatchObject({
      Key: { pk: 'account#u1', sk: 'day#2026-11-25' },
      ExpressionAttributeValues: { ':credits': 1, ':room': 24_999 },
    });
    expect(TransactItems?.[4]?.Update).toMatchObject({
      Key: { pk: 'account#u1', sk: 'month#2026-11' },
      ExpressionAttributeValues: { ':credits': 1, ':room': 99_999 },
    });
    expect(TransactItems?.[5]?.Put).toMatchObject({
      Item: { pk: 'account#u1', sk: 'idempotency#k1', key: 'k1' },
      ExpressionAttributeValues: { ':now': now.getTime() / 1000 },
    });
  });

  it('makes every write conditional', () => {
    expect(TransactItems?.map((item) => (item.Update ?? item.Put)?.ConditionExpression)).toEqual([
      '#status = :expected AND (attribute_not_exists(#claimedBy) OR #claimedBy = :caller OR #claimedUntil <= :nowMs)',
      'attribute_not_exists(pk)',
      'attribute_not_exists(pk)',
      'attribute_not_exists(credits) OR credits <= :room',
      'attribute_not_exists(credits) OR credits <= :room',
      'attribute_not_exists(pk) OR expires_at <= :now',
    ]);
  });

  it('names each item, so that a cancellation is read by name', () => {
    expect(named.map(([name]) => name)).toEqual(['attribution', 'activity', 'usage', 'day', 'month', 'idempotency']);
  });

  it('leaves an uncapped counter unconditional', () => {
    const uncapped = itemsOf(
      buildDecisionTransaction({ referrals: 'r', usage: 'u' }, { ...write, charge: { ...charge, day: { ...charge.day, ceiling: null } } }),
    );
    expect(uncapped.TransactItems?.[3]?.Update?.ConditionExpression).toBeUndefined();
    expect(uncapped.TransactItems?.[3]?.Update?.ExpressionAttributeValues).not.toHaveProperty(':room');
  });
});

describe('the approve transaction', () => {
  const approved: DecisionWritePlan = {
    ...write,
    changes: decisionChanges(APPROVE, { attributionId: 'attr-1', reviewer: 'u1', now }),
    activity: { ...write.activity, action: 'approve', attribution: { ...write.activity.attribution, status: 'qualified' } },
  };
  const { TransactItems } = itemsOf(buildDecisionTransaction({ referrals: 'r', usage: 'u' }, approved));

  it('moves the referral to qualified and out of the queue index at once, records an approve, and charges like a reject', () => {
    expect(TransactItems).toHaveLength(6);
    expect(TransactItems?.[0]?.Update?.UpdateExpression).toBe(
      'SET #f0 = :f0, #f1 = :f1, #f2 = :f2 REMOVE #claimedBy, #claimedUntil, #queue, #decidedUnder',
    );
    expect(TransactItems?.[0]?.Update?.ConditionExpression).toMatch(/^#status = :expected AND \(/);
    expect(Object.values(TransactItems?.[0]?.Update?.ExpressionAttributeValues ?? {})).toEqual([
      'review_required',
      'u1',
      now.getTime(),
      'qualified',
      now.toISOString(),
      'u1',
    ]);
    expect(TransactItems?.[1]?.Put?.Item).toMatchObject({ action: 'approve', attribution: { status: 'qualified' } });
    expect(TransactItems?.slice(2).map((item) => Object.keys(item)[0])).toEqual(['Put', 'Update', 'Update', 'Put']);
  });
});

describe('reading a cancelled transaction', () => {
  const failed = (item?: Record<string, unknown>) => ({ Code: 'ConditionalCheckFailed', ...(item ? { Item: marshall(item) } : {}) });

  it('tells a missing referral from one in another status, without a read', () => {
    expect(readCancellation({ attribution: failed() })).toEqual({ kind: 'attribution_missing' });
    expect(readCancellation({ attribution: failed({ pk: 'a', sk: 'attribution', status: 'rewarded' }) })).toEqual({
      kind: 'attribution_status',
      status: 'rewarded',
    });
  });

  it('names the daily cap, the included credits, a replay and plain contention', () => {
    expect(readCancellation({ day: failed({ credits: 3 }) })).toEqual({ kind: 'daily_cap' });
    expect(readCancellation({ month: failed({ credits: 9 }) })).toEqual({ kind: 'included_credits' });
    const record = { key: 'k', fingerprint: 'f', result: '{}', expires_at: 1 };
    expect(readCancellation({ attribution: failed({ status: 'rejected' }), idempotency: failed({ pk: 'p', sk: 's', ...record }) })).toEqual(
      {
        kind: 'idempotency_replay',
        record,
      },
    );
    expect(readCancellation({ attribution: { Code: 'TransactionConflict' } })).toEqual({ kind: 'contention' });
  });

  it('does not replay a malformed idempotency record', () => {
    expect(readCancellation({ attribution: failed({ status: 'rejected' }), idempotency: failed({ pk: 'p', sk: 's', key: 'k' }) })).toEqual({
      kind: 'attribution_status',
      status: 'rejected',
    });
  });
});
