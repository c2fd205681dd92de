import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { decodeCursor, type ListQuery, listReferrals, mergeShardPages } from '../../../functions/referrals/list-queue.js';
import type { QueuePosition, ReferralReader, ShardPage } from '../../../functions/referrals/ports.js';

type Stored = { attribution: Attribution; position: QueuePosition; shard: number };

/**
 * The queue index as DynamoDB reads it: each shard in queue order; Limit counts the items evaluated, the filter
 * applies after it, and LastEvaluatedKey is the last item evaluated whenever the read stopped at the limit.
 */
const shardedQueue = (
  shards: number,
  items: Stored[],
): ReferralReader & { remove: (id: string) => void; add: (item: Stored) => void; reads: number } => {
  const live = new Map(items.map((item) => [item.attribution.id, item]));
  const reader = {
    queueShards: shards,
    reads: 0,
    remove: (id: string) => live.delete(id),
    add: (item: Stored) => live.set(item.attribution.id, item),
    async listShard({ shard, limit, referrerUserId, after }: Parameters<ReferralReader['listShard']>[0]): Promise<ShardPage> {
      reader.reads += 1;
      const ordered = [...live.values()]
        .filter((item) => item.shard === shard && (after === undefined || item.position.order > after.order))
        .sort((a, b) => (a.position.order < b.position.order ? -1 : 1));
      const evaluated = ordered.slice(0, limit);
      return {
        entries: evaluated.filter((item) => referrerUserId === undefined || item.attribution.referrer_user_id === referrerUserId),
        ...(ordered.length > limit ? { last: (evaluated.at(-1) as Stored).position } : {}),
      };
    },
    async loadReferral() {
      return undefined;
    },
  };
  return reader;
};

const stored = (index: number, day: number, shard: number, referrer: string): Stored => {
  const id = `a-${index}`;
  const created_at = `2026-10-${String(day).padStart(2, '0')}T00:00:00.000Z`;
  return {
    attribution: { id, status: 'review_required', created_at, referrer_user_id: referrer },
    position: { order: `${created_at}#${id}`, id },
    shard,
  };
};

const queueArbitrary = fc
  .record({
    shards: fc.integer({ min: 1, max: 8 }),
    items: fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), shard: fc.nat(), referrer: fc.constantFrom('r1', 'r2') }), {
      maxLength: 60,
    }),
    limit: fc.integer({ min: 1, max: 7 }),
    referrer: fc.option(fc.constantFrom('r1', 'r2'), { nil: undefined }),
  })
  .map(({ shards, items, limit, referrer }) => ({
    shards,
    limit,
    referrer,
    items: items.map((item, index) => stored(index, item.day, item.shard % shards, item.referrer)),
  }));

const query = (limit: number, referrer?: string, cursor?: string): ListQuery => ({
  status: 'review_required',
  limit,
  ...(referrer ? { referrerUserId: referrer } : {}),
  ...(cursor ? { cursor } : {}),
});

const walk = async (reader: ReferralReader, limit: number, referrer?: string, between?: (page: number) => void) => {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 500; page++) {
    const result = await listReferrals({ referrals: reader, now: () => new Date() }, query(limit, referrer, cursor));
    expect(result.attributions.length).toBeLessThanOrEqual(limit);
    seen.push(...result.attributions.map((attribution) => attribution.id));
    if (result.next_cursor === null) return seen;
    cursor = result.next_cursor;
    between?.(page);
  }
  throw new Error('the walk did not end');
};

const expectedOrder = (items: Stored[], referrer?: string) =>
  items
    .filter((item) => referrer === undefined || item.attribution.referrer_user_id === referrer)
    .sort((a, b) => (a.position.order < b.position.order ? -1 : 1))
    .map((item) => item.attribution.id);

describe('the sharded review queue', () => {
  it('pages through every shard oldest first, none repeated, none skipped, with or without a referrer filter', async () => {
    await fc.assert(
      fc.asyncProperty(queueArbitrary, async ({ shards, items, limit, referrer }) => {
        expect(await walk(shardedQueue(shards, items), limit, referrer)).toEqual(expectedOrder(items, referrer));
      }),
      { numRuns: 300 },
    );
  });

  it('neither repeats nor skips an item while items leave the queue between pages', async () => {
    await fc.assert(
      fc.asyncProperty(queueArbitrary, fc.array(fc.nat(), { maxLength: 10 }), async ({ shards, items, limit }, leaving) => {
        const reader = shardedQueue(shards, items);
        const removed = new Set<string>();
        const seen = await walk(reader, limit, undefined, (page) => {
          const victim = items[(leaving[page] ?? 0) % Math.max(1, items.length)];
          if (victim && leaving[page] !== undefined) {
            reader.remove(victim.attribution.id);
            removed.add(victim.attribution.id);
          }
        });
        expect(new Set(seen).size).toBe(seen.length);
        // Every item still queued at the end was seen, and in queue order.
        const remaining = expectedOrder(items).filter((id) => !removed.has(id));
        expect(seen.filter((id) => !removed.has(id))).toEqual(remaining);
        expect(seen).toEqual(expectedOrder(items).filter((id) => seen.includes(id)));
      }),
      { numRuns: 200 },
    );
  });

  it('reads every shard once a page, in one parallel round, and no shard it has read to its end', async () => {
    const reader = shardedQueue(4, [stored(1, 1, 0, 'r1'), stored(2, 2, 0, 'r1'), stored(3, 3, 2, 'r1')]);
    const first = await listReferrals({ referrals: reader, now: () => new Date() }, query(1));
    expect(reader.reads).toBe(4);
    expect(first.attributions.map((a) => a.id)).toEqual(['a-1']);
    await listReferrals({ referrals: reader, now: () => new Date() }, query(1, undefined, first.next_cursor as string));
    // Shards 1 and 3 are empty: read to their end on the first page, never read again.
    expect(reader.reads).toBe(6);
  });

  it("takes nothing past a shard's read when that shard may hold earlier items", () => {
    const entry = (order: string) => ({ attribution: { id: order } as Attribution, position: { order, id: order } });
    const pages: ShardPage[] = [{ entries: [entry('b')], last: { order: 'c', id: 'c' } }, { entries: [entry('a'), entry('d')] }];
    const merged = mergeShardPages(['start', 'start'], pages, 10);
    expect(merged.attributions.map((a) => a.id)).toEqual(['a', 'b']);
    // The second shard resumes after b, the last returned, not after a: what enters it before b later is behind the walk.
    expect(merged.next).toEqual([
      { order: 'c', id: 'c' },
      { order: 'b', id: 'b' },
    ]);
  });

  it('walks oldest first across pages while referrals enter either side of the cursor and leave, skipping none that stayed', async () => {
    let inserted = 0;
    await fc.assert(
      fc.asyncProperty(
        queueArbitrary,
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), shard: fc.nat(), leave: fc.nat() }), { maxLength: 12 }),
        async ({ shards, items, limit }, changes) => {
          const reader = shardedQueue(shards, items);
          const present = new Map(items.map((item) => [item.attribution.id, item]));
          const leftOrCame = new Set<string>();
          const seen = await walk(reader, limit, undefined, (page) => {
            const change = changes[page];
            if (!change) return;
            // A referral held now, anywhere in the queue's order: often behind the cursor.
            const newcomer = stored(1_000 + inserted++, change.day, change.shard % shards, 'r1');
            reader.add(newcomer);
            present.set(newcomer.attribution.id, newcomer);
            leftOrCame.add(newcomer.attribution.id);
            const victim = items[change.leave % Math.max(1, items.length)];
            if (victim && change.leave % 3 === 0) {
              reader.remove(victim.attribution.id);
              leftOrCame.add(victim.attribution.id);
            }
          });
          const orders = seen.map((id) => present.get(id)?.position.order as string);
          // Strictly oldest first, so none repeated.
          for (let index = 1; index < orders.length; index++) expect((orders[index - 1] as string) < (orders[index] as string)).toBe(true);
          // Every referral queued throughout the walk was returned.
          const throughout = expectedOrder(items).filter((id) => !leftOrCame.has(id));
          expect(seen.filter((id) => !leftOrCame.has(id))).toEqual(throughout);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a cursor for another number of shards, or one with every shard read to its end', () => {
    const cursor = (shards: unknown[]) =>
      Buffer.from(JSON.stringify({ v: 2, status: 'review_required', referrer: null, shards })).toString('base64url');
    expect(decodeCursor(cursor([null, '2026-10-01T00:00:00.000Z#a-1']), query(1), 2)).toEqual([
      'start',
      { order: '2026-10-01T00:00:00.000Z#a-1', id: 'a-1' },
    ]);
    for (const bad of [cursor([null]), cursor([false, false]), cursor([null, 'no-hash'])]) {
      expect(() => decodeCursor(bad, query(1), 2)).toThrow('cursor is not valid for this query');
    }
  });
});
