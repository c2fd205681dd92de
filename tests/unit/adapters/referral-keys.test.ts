import { describe, expect, it } from 'vitest';
import { queueChange } from '../../../functions/adapters/queue-placement.js';
import { attributionItem, isQueued, QUEUE_SHARDS, queueShard } from '../../../functions/adapters/referrals-table.js';
import { AttributionStatusSchema } from '../../../functions/referrals/attribution.js';

describe('the queue index keys', () => {
  it('give only listed statuses a queue key: every other attribution write touches no index', () => {
    for (const status of AttributionStatusSchema.options) {
      const item = attributionItem({ id: 'attr-1', status, created_at: '2026-11-01T00:00:00.000Z' });
      expect(item.queue_order).toBe('2026-11-01T00:00:00.000Z#attr-1');
      if (isQueued(status)) expect(item).toHaveProperty('queue_key', `${status}#${queueShard('attr-1')}`);
      else expect(item).not.toHaveProperty('queue_key');
    }
    expect(AttributionStatusSchema.options.filter(isQueued)).toEqual(['review_required', 'rejected']);
  });

  it('spread ids over every shard, evenly, and keep an id in its shard', () => {
    const counts = new Array(QUEUE_SHARDS).fill(0);
    for (let index = 0; index < 16_000; index++) counts[queueShard(`attr-${index}`)] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1150);
    expect(queueShard('attr-1')).toBe(queueShard('attr-1'));
  });
});

describe('the queue index migration, item by item', () => {
  it('writes what the status calls for and leaves what is current', () => {
    const current = attributionItem({ id: 'a', status: 'review_required', created_at: 'c' });
    expect(queueChange(current)).toBeUndefined();
    expect(queueChange(attributionItem({ id: 'a', status: 'attributed', created_at: 'c' }))).toBeUndefined();
    const { queue_key: _key, ...old } = current as Record<string, unknown>;
    // Held without the review queue's key: it enters review with this write.
    expect(queueChange(old)).toEqual({
      status: 'review_required',
      wanted: `review_required#${queueShard('a')}`,
      order: 'c#a',
      entersReview: true,
    });
    expect(queueChange({ ...old, status: 'rewarded', queue_key: 'rewarded#1' })).toEqual({
      status: 'rewarded',
      wanted: undefined,
      order: 'c#a',
      entersReview: false,
    });
    // In the review queue already, missing only its order: not a new stay.
    const { queue_order: _order, ...noOrder } = current as Record<string, unknown>;
    expect(queueChange(noOrder)).toMatchObject({ wanted: `review_required#${queueShard('a')}`, order: 'c#a', entersReview: false });
  });
});
