import { describe, expect, it } from 'vitest';
import { holdOf, withHeldAge } from '../../../functions/referrals/hold.js';
import { BACKLOG_CONCURRENCY, measureBacklog, type ShardBacklog } from '../../../functions/referrals/review-backlog.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const shard = (overrides: Partial<ShardBacklog> = {}): ShardBacklog => ({
  held: 0,
  oldestHeldAt: undefined,
  withoutHeldAt: 0,
  complete: true,
  readUnits: 0.5,
  ...overrides,
});

/** A reader of the given shards that records how many reads ran at once. */
const readerOf = (shards: ShardBacklog[]) => {
  let running = 0;
  let most = 0;
  return {
    reader: {
      shards: shards.length,
      async readShard(index: number) {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        return shards[index] as ShardBacklog;
      },
    },
    mostAtOnce: () => most,
  };
};

describe('the review backlog', () => {
  it('sums every shard and takes the earliest hold of any, wherever it lies', async () => {
    const { reader, mostAtOnce } = readerOf([
      shard(),
      shard({ held: 3, oldestHeldAt: '2026-11-24T10:00:00.000Z', readUnits: 1 }),
      shard({ held: 2, oldestHeldAt: '2026-11-23T09:59:59.000Z', withoutHeldAt: 1 }),
      shard({ held: 1, oldestHeldAt: '2026-11-24T12:00:00.000Z', complete: false }),
      shard(),
      shard({ held: 4, oldestHeldAt: '2026-11-25T00:00:00.000Z' }),
    ]);
    expect(await measureBacklog({ backlog: reader, now: () => now })).toEqual({
      heldCount: 10,
      oldestHeldAt: '2026-11-23T09:59:59.000Z',
      oldestHeldAgeSeconds: 2 * 86_400 + 1,
      withoutHeldAt: 1,
      shardsCut: 1,
      readUnits: 3.5,
    });
    expect(mostAtOnce()).toBe(BACKLOG_CONCURRENCY);
  });

  it('keeps the earliest hold when it is in the first shard or the last', async () => {
    for (const shards of [
      [shard({ held: 1, oldestHeldAt: '2026-11-20T00:00:00.000Z' }), shard({ held: 1, oldestHeldAt: '2026-11-21T00:00:00.000Z' })],
      [shard({ held: 1, oldestHeldAt: '2026-11-21T00:00:00.000Z' }), shard({ held: 1, oldestHeldAt: '2026-11-20T00:00:00.000Z' })],
    ]) {
      const report = await measureBacklog({ backlog: readerOf(shards).reader, now: () => now });
      expect(report.oldestHeldAt).toBe('2026-11-20T00:00:00.000Z');
    }
  });

  it('reports an empty queue as no wait at all', async () => {
    const report = await measureBacklog({ backlog: readerOf([shard(), shard()]).reader, now: () => now });
    expect(report).toMatchObject({ heldCount: 0, oldestHeldAt: undefined, oldestHeldAgeSeconds: 0 });
  });
});

describe('a hold', () => {
  it('carries the referrer and the risk flags it entered with, and nothing it does not have', () => {
    expect(holdOf({ referrer_user_id: 'ring', risk_flags: ['velocity'] }, '2026-11-25T09:00:00.000Z')).toEqual({
      held_at: '2026-11-25T09:00:00.000Z',
      referrer_user_id: 'ring',
      risk_flags: ['velocity'],
    });
    expect(holdOf({}, '2026-11-25T09:00:00.000Z')).toEqual({ held_at: '2026-11-25T09:00:00.000Z' });
  });

  it('gives an age only to a referral waiting in review with a known hold, never below 0', () => {
    expect(withHeldAge({ id: 'a', status: 'review_required', held_at: '2026-11-25T09:58:59.500Z' }, now).age_seconds).toBe(60);
    expect(withHeldAge({ id: 'a', status: 'review_required', held_at: '2026-11-25T10:00:05.000Z' }, now).age_seconds).toBe(0);
    expect(withHeldAge({ id: 'a', status: 'rejected', held_at: '2026-11-25T09:00:00.000Z' }, now)).not.toHaveProperty('age_seconds');
    expect(withHeldAge({ id: 'a', status: 'review_required' }, now)).not.toHaveProperty('age_seconds');
  });
});
