import { describe, expect, it } from 'vitest';
import { QUEUE_SHARDS } from '../../../functions/adapters/referrals-table.js';
import { capacityModel, capacityTables, itemSize, PARTITION_WRITE_UNITS, readUnits, writeUnits } from '../../../tools/capacity-model.js';

// Pinned: a change to an item's layout, or to the shard count, changes these figures and must update the model's
// page in docs/architecture.md.
describe('the capacity model', () => {
  const model = capacityModel();

  it('sizes the items as their builders make them', () => {
    expect(model.sizes).toEqual({
      attribution: 544,
      queueEntry: 544,
      listFieldsEntry: 544,
      rejected: 586,
      activity: 805,
      hold: 185,
      usage: 250,
      rate: 65,
      day: 63,
      month: 62,
      reservation: 248,
      idempotency: 797,
    });
  });

  it('counts the write units of a reject and of an attribution write, table by table and index by index, transactional writes twice', () => {
    // The status change and the activity item at 2 each; the rate counter 1 (its own write), the usage record and the
    // day and month counters 2 each; the idempotency record 2.
    expect(model.reject).toEqual({ table: { referrals: 4, usage: 7 }, indexes: { queue: 2, activity: 1 }, keyed: 2 });
    // The rate counter, the reservation's and the release's transactions (3 items each), 100 usage records in their transactions.
    expect(model.bulk).toEqual({ usage: 1 + 6 + 200 + 6, keyed: 2, activityItems: 100 });
    // A write of another writer into or out of the queue costs the indexer's own update and the index entry; into
    // review, the hold item too.
    expect(model.perAttributionWrite).toEqual({
      referrals: 1,
      oldIndex: 1,
      indexerWhenListed: 1,
      holdWhenHeld: 1,
      queueIndexWhenListed: 1,
      queueIndexOtherwise: 0,
    });
  });

  it('keeps the hottest queue partition under its limit at 10,000 attribution writes a second, even when every one is held', () => {
    expect(QUEUE_SHARDS).toBe(16);
    const worst = model.rows.find((row) => row.rate === 10_000 && row.held === 1);
    expect(worst).toEqual({ rate: 10_000, held: 1, statusPartition: 10_000, queueShard: 625, table: 30_000 });
    expect(Math.max(...model.rows.map((row) => row.queueShard))).toBeLessThan(PARTITION_WRITE_UNITS);
    // One partition per status throttles from 1,000 attribution writes a second.
    expect(model.rows.filter((row) => row.statusPartition > PARTITION_WRITE_UNITS).map((row) => row.rate)).toEqual([10_000, 10_000]);
  });

  it('says where each design breaks', () => {
    expect(model.breaks).toEqual({
      statusPartition: 1_000,
      queueShardsAllHeld: 16_000,
      queueShardsUsual: 800_000,
      accountRequestsPerSecond: expect.closeTo(142.86, 2),
      accountKeyedRequestsPerSecond: expect.closeTo(111.11, 2),
      bulkRejectsPerSecond: expect.closeTo(4.65, 2),
      activityItemsPerSecond: 1_000,
      stageBulkRejectsPerSecond: 10,
    });
  });

  it('prices a list page with the projection it uses (ALL: one round) beside KEYS_ONLY with a batch read', () => {
    expect(model.listPages).toEqual([
      { limit: 25, all: 32, keysOnly: 20.5 },
      { limit: 100, all: 112, keysOnly: 82 },
    ]);
    // ALL costs what an INCLUDE of every field the list returns would, which DynamoDB's 20-attribute limit forbids.
    expect(model.sizes.queueEntry).toBe(model.sizes.listFieldsEntry);
    expect(model.queueStorageBytes).toBe(644_000_000);
  });

  it('counts the read units of a backlog pass: every held entry of the 16 shards, in pages of 1,000, up to its budget', () => {
    expect(model.backlogPasses).toEqual([
      // An empty queue still costs each shard's query half a unit.
      { held: 0, readUnits: 8, queries: 16 },
      { held: 1_000, readUnits: 72, queries: 16 },
      { held: 10_000, readUnits: 672, queries: 16 },
      { held: 100_000, readUnits: 6_656, queries: 112 },
      // The budget, 50 pages a shard: the most a pass reads, however long the queue.
      { held: 800_000, readUnits: 53_200, queries: 800 },
    ]);
  });

  it('measures as DynamoDB bills: names and values, numbers by their digits, units rounded up', () => {
    expect(itemSize({ ab: 'cdé', n: 12_345, flag: true, list: ['x', 'y'], map: { k: 'v' } })).toBe(
      2 + 4 + 1 + 4 + 4 + 1 + 4 + 3 + 4 + 3 + 3 + 2 + 1,
    );
    expect([writeUnits(1), writeUnits(1024), writeUnits(1025)]).toEqual([1, 1, 2]);
    expect([readUnits(1), readUnits(4096), readUnits(4097)]).toEqual([0.5, 0.5, 1]);
  });

  it('prints the tables docs/architecture.md shows', () => {
    const tables = capacityTables();
    expect(tables).toContain('| 10,000 | 100 % | 30,000 WCU/s | 10,000 WCU/s (throttled) | 625 WCU/s |');
    expect(tables).toContain('| 1,000 held | 16 | 72 RRU | 20,736 RRU |');
    expect(tables).toContain(
      '| by-activity-day, one partition a UTC day | 1,000 activity items/s across the stage: 10 bulk rejects of 100 a second |',
    );
    expect(tables).toContain('| 25 entries | 32 RCU, 1 round | 20.5 RCU, 2 rounds |');
  });
});
