// The capacity model of the tables: item sizes from the real item builders, write units per reject and per
// attribution write, the hottest partition's load, and where each design breaks. `npm run capacity` prints it;
// a unit test pins its figures, so that a change to the item layout shows up here.

import { BACKLOG_PAGE_ENTRIES, BACKLOG_PAGES_PER_SHARD } from '../functions/adapters/held-queue.js';
import {
  activityItem,
  attributionItem,
  holdPut,
  QUEUE_ORDER,
  QUEUE_SHARDS,
  queueKey,
  queueShard,
} from '../functions/adapters/referrals-table.js';
import { dayKey, idempotencyKey, monthKey, rateKey, reservationPut, usageKey } from '../functions/adapters/usage-table.js';
import type { Principal } from '../functions/auth/principal.js';
import { buildUsageRecord } from '../functions/billing/usage-record.js';
import { priceOf } from '../functions/http/route.js';
import { rejectReferralRoute } from '../functions/http/routes/reject-referral.js';
import { buildIdempotencyRecord } from '../functions/idempotency/record.js';
import { decisionActivity } from '../functions/referrals/activity.js';
import { type Attribution, AttributionSchema } from '../functions/referrals/attribution.js';
import { decide, REJECT } from '../functions/referrals/decision.js';
import { holdOf } from '../functions/referrals/hold.js';

/** DynamoDB's per-partition write limit (write units a second), the same in on-demand mode. */
export const PARTITION_WRITE_UNITS = 1_000;

/**
 * An item's size as DynamoDB bills it: each attribute's name plus its value (strings in UTF-8 bytes, numbers about
 * one byte per two significant digits plus one, lists and maps 3 bytes plus their elements and 1 byte each).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
export const itemSize = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);

const valueSize = (value: unknown): number => {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueSize(element), 0);
  if (typeof value === 'object') return 3 + itemSize(value as Record<string, unknown>) + Object.keys(value as object).length;
  return 0;
};

/** Write units of one write of an item: 1 per started KB. */
export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
/**
 * A write inside TransactWriteItems costs twice: 2 write units per started KB of each item. Index writes it causes
 * are ordinary index writes. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
 */
export const TRANSACTION_FACTOR = 2;
/** How many activity items a bulk reject of 100 writes: one a referral. */
const BULK_SIZE = 100;
/** Read units of an eventually consistent read of this many bytes: half a unit per started 4 KB. */
export const readUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096)) / 2;

/** A representative held attribution, with every field the spec gives it. */
const SAMPLE: Attribution = {
  id: 'attr-01JDQ4M6Z3T9X8K2V5N7P0R4S6',
  status: 'review_required',
  click_id: 'refclk_01JDQ4M6Z3T9X8K2V5N7',
  code: 'A1B2C3D4E5F6',
  referrer_user_id: 'user-01JDQ4KZ8Y7W6V5T4S3R2Q1P0N',
  referred_user_id: 'user-01JDQ4M1A2B3C4D5E6F7G8H9J0',
  review_reason: 'same_stripe_customer',
  risk_flags: ['same_stripe_customer', 'velocity'],
  landing_path: '/pricing',
  utm_source: 'newsletter',
  utm_campaign: 'spring-launch',
  created_at: '2026-11-01T09:30:00.000Z',
  held_at: '2026-11-04T08:00:00.000Z',
};
const PRINCIPAL: Principal = {
  userId: 'admin-user',
  subjectId: 'key_01JDQ4',
  authMethod: 'api_key',
  plan: 'business',
  overageEnabled: false,
};
const NOW = new Date('2026-11-30T12:00:00.000Z');
const REQUEST_ID = 'Xb3kT9pQr2LmN0w=';

/** Each item this API writes, as its builder makes it, and the queue index's copy of an attribution. */
export const sampleItems = () => {
  // A reject is the larger write of the two decisions: it also enters the rejected queue, which an approve leaves.
  const after = decide(REJECT, SAMPLE, {
    attributionId: SAMPLE.id,
    reason: 'same billing account',
    reviewer: PRINCIPAL.userId,
    now: NOW,
  });
  const attribution = attributionItem(SAMPLE);
  // What an INCLUDE of every field the list returns would project: the same bytes as ALL on an item that holds only them.
  const listFields = new Set([...Object.keys(AttributionSchema.entries), 'pk', 'sk', 'queue_key', QUEUE_ORDER]);
  const activity = decisionActivity({
    decision: REJECT,
    before: SAMPLE,
    after,
    reason: 'same billing account',
    principal: PRINCIPAL,
    requestId: REQUEST_ID,
  });
  const usage = buildUsageRecord({
    requestId: REQUEST_ID,
    principal: PRINCIPAL,
    price: priceOf(rejectReferralRoute),
    overage: false,
    now: NOW,
  });
  const counter = { credits: 123_456, expires_at: 1_796_256_000 };
  const reservation = {
    userId: PRINCIPAL.userId,
    requestId: REQUEST_ID,
    day: { window: '2026-11-30', credits: 100, ceiling: null, expiresAt: 1 },
    month: { window: '2026-11', credits: 100, ceiling: null, expiresAt: 1 },
  };
  return {
    attribution,
    // The queue index projects ALL: its entry is the attribution item.
    queueEntry: attribution,
    listFieldsEntry: Object.fromEntries(Object.entries(attribution).filter(([name]) => listFields.has(name))),
    rejected: { ...attributionItem(after), queue_key: queueKey('rejected', queueShard(SAMPLE.id)) },
    activity: activityItem(SAMPLE.id, activity),
    hold: holdPut('referrals', SAMPLE.id, holdOf(SAMPLE, SAMPLE.held_at as string)).Item,
    usage: { ...usageKey(PRINCIPAL.userId, REQUEST_ID), ...usage },
    rate: { ...rateKey(PRINCIPAL.userId, '2026-11-30T12:00'), hits: 42, expires_at: 1_796_040_060 },
    day: { ...dayKey(PRINCIPAL.userId, '2026-11-30'), ...counter },
    month: { ...monthKey(PRINCIPAL.userId, '2026-11'), ...counter },
    reservation: reservationPut('usage', reservation, NOW).Put?.Item as Record<string, unknown>,
    idempotency: {
      ...idempotencyKey(PRINCIPAL.userId, 'reject-attr-1-2026-11-30'),
      ...buildIdempotencyRecord(
        'reject-attr-1-2026-11-30',
        'f'.repeat(64),
        { requestId: REQUEST_ID, data: { attribution: after, rewards: [] } },
        NOW,
      ),
    },
  };
};

export const ATTRIBUTION_RATES = [100, 1_000, 10_000];
/** The share of attribution writes that put an attribution into review_required: usual, and a fraud wave. */
export const USUAL_HELD_SHARE = 0.02;
export const HELD_SHARES = [USUAL_HELD_SHARE, 1];
export const QUEUE_ITEMS = 1_000_000;
/** Held referrals a backlog pass may find: none, a usual queue, a long one, a fraud wave's, and the pass's budget. */
export const BACKLOG_HELD = [0, 1_000, 10_000, 100_000, QUEUE_SHARDS * BACKLOG_PAGE_ENTRIES * BACKLOG_PAGES_PER_SHARD];
/** Backlog passes a day: one every five minutes. */
export const BACKLOG_PASSES_A_DAY = 288;

export const capacityModel = () => {
  const items = sampleItems();
  const sizes = Object.fromEntries(Object.entries(items).map(([name, item]) => [name, itemSize(item)])) as Record<
    keyof typeof items,
    number
  >;
  const wcu = (name: keyof typeof items) => writeUnits(sizes[name]);
  const tx = (name: keyof typeof items) => TRANSACTION_FACTOR * wcu(name);
  // An update is billed on the larger of the item before and after.
  const attributionUpdate = TRANSACTION_FACTOR * writeUnits(Math.max(sizes.attribution, sizes.rejected));
  // The rate counter is its own UpdateItem; the status change, its activity item, the usage record, the day and month
  // counters and the idempotency record are one transaction.
  const reject = {
    table: { referrals: attributionUpdate + tx('activity'), usage: wcu('rate') + tx('usage') + tx('day') + tx('month') },
    // The queue entry leaves review_required#s and enters rejected#s; the activity item enters the audit index.
    indexes: { queue: 2 * writeUnits(sizes.queueEntry), activity: wcu('activity') },
    keyed: tx('idempotency'),
  };
  // A bulk reject of 100 on the account's partition: the rate counter; the reservation (counters and its record, one
  // transaction); each referral's usage record in that referral's own transaction; the release (counters and the
  // record's delete, one transaction); with a key, the claim and the completion (plain writes).
  const bulk = {
    usage:
      wcu('rate') + (tx('day') + tx('month') + tx('reservation')) + BULK_SIZE * tx('usage') + (tx('day') + tx('month') + tx('reservation')),
    keyed: 2 * wcu('idempotency'),
    activityItems: BULK_SIZE,
  };
  // The queue indexer, for a write of another writer that moves an attribution into or out of a listed status: its
  // own UpdateItem of the attribution (queue_key set or removed, held_at set on entering review), and that entry
  // written to or removed from the index; on entering review, the hold item too, in the referral's own partition.
  const indexer = { table: writeUnits(sizes.attribution), hold: wcu('hold'), queueIndex: writeUnits(sizes.queueEntry) };
  const rows = ATTRIBUTION_RATES.flatMap((rate) =>
    HELD_SHARES.map((held) => {
      const queued = rate * held;
      return {
        rate,
        held,
        // One partition per status (the old by-status index, projecting ALL): every attribution write lands there.
        statusPartition: rate * writeUnits(sizes.attribution),
        // The sparse, sharded queue index: only writes into a listed status, each placed there by the indexer,
        // spread over QUEUE_SHARDS.
        queueShard: (queued * indexer.queueIndex) / QUEUE_SHARDS,
        // The referrals table: the writer's own write and, for a held one, the indexer's two.
        table: rate * writeUnits(sizes.attribution) + queued * (indexer.table + indexer.hold),
      };
    }),
  );
  const listPage = (limit: number) => {
    // Every shard read up to `limit` entries; the page keeps `limit` of them.
    const all = QUEUE_SHARDS * readUnits(limit * sizes.queueEntry);
    const keysOnly =
      QUEUE_SHARDS * readUnits(limit * (itemSize({ pk: '', sk: '', queue_key: '', queue_order: '' }) + 120)) +
      limit * readUnits(sizes.attribution);
    return { limit, all, keysOnly };
  };
  // A backlog pass reads every held entry of the 16 shards, pages of BACKLOG_PAGE_ENTRIES, eventually consistent:
  // each page is charged by the bytes of the entries it reads, and an empty shard's query still costs half a unit.
  const backlogPass = (held: number) => {
    const perShard = Math.min(Math.ceil(held / QUEUE_SHARDS), BACKLOG_PAGE_ENTRIES * BACKLOG_PAGES_PER_SHARD);
    const fullPages = Math.floor(perShard / BACKLOG_PAGE_ENTRIES);
    const rest = perShard - fullPages * BACKLOG_PAGE_ENTRIES;
    const shard =
      fullPages * readUnits(BACKLOG_PAGE_ENTRIES * sizes.queueEntry) + (rest || !fullPages ? readUnits(rest * sizes.queueEntry) : 0);
    return { held, readUnits: QUEUE_SHARDS * shard, queries: QUEUE_SHARDS * (fullPages + (rest || !fullPages ? 1 : 0)) };
  };
  return {
    shards: QUEUE_SHARDS,
    sizes,
    perAttributionWrite: {
      referrals: writeUnits(sizes.attribution),
      oldIndex: writeUnits(sizes.attribution),
      indexerWhenListed: indexer.table,
      holdWhenHeld: indexer.hold,
      queueIndexWhenListed: indexer.queueIndex,
      queueIndexOtherwise: 0,
    },
    reject,
    bulk,
    rows,
    listPages: [listPage(25), listPage(100)],
    backlogPasses: BACKLOG_HELD.map(backlogPass),
    queueStorageBytes: QUEUE_ITEMS * (sizes.queueEntry + 100),
    breaks: {
      statusPartition: PARTITION_WRITE_UNITS / writeUnits(sizes.attribution),
      queueShardsAllHeld: (PARTITION_WRITE_UNITS * QUEUE_SHARDS) / writeUnits(sizes.queueEntry),
      queueShardsUsual: (PARTITION_WRITE_UNITS * QUEUE_SHARDS) / writeUnits(sizes.queueEntry) / USUAL_HELD_SHARE,
      // An account's partition takes the rate counter, usage record and both counters of each of its requests.
      accountRequestsPerSecond: PARTITION_WRITE_UNITS / reject.table.usage,
      accountKeyedRequestsPerSecond: PARTITION_WRITE_UNITS / (reject.table.usage + reject.keyed),
      bulkRejectsPerSecond: PARTITION_WRITE_UNITS / (bulk.usage + bulk.keyed),
      // by-activity-day is one partition a UTC day: every activity item of the stage, of every account, lands there.
      activityItemsPerSecond: PARTITION_WRITE_UNITS / wcu('activity'),
      stageBulkRejectsPerSecond: PARTITION_WRITE_UNITS / (wcu('activity') * bulk.activityItems),
    },
  };
};

const format = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));

/** The model as the Markdown docs/architecture.md shows. */
export const capacityTables = (): string => {
  const model = capacityModel();
  const { breaks } = model;
  const lines = [
    `Item sizes (bytes, as billed): ${Object.entries(model.sizes)
      .map(([name, size]) => `${name} ${size}`)
      .join(', ')}.`,
    '',
    '| write | referrals table | usage table | queue index | activity index |',
    '| --- | --- | --- | --- | --- |',
    `| one reject (one transaction, ${TRANSACTION_FACTOR}× per item) | ${model.reject.table.referrals} WCU | ${model.reject.table.usage} WCU (+${model.reject.keyed} with a key) | ${model.reject.indexes.queue} WCU | ${model.reject.indexes.activity} WCU |`,
    `| one bulk reject of 100 | ${100 * model.reject.table.referrals} WCU | ${model.bulk.usage} WCU (+${model.bulk.keyed} with a key) | ${100 * model.reject.indexes.queue} WCU | ${100 * model.reject.indexes.activity} WCU |`,
    `| another writer's attribution write, into review_required | ${model.perAttributionWrite.referrals} WCU + ${model.perAttributionWrite.indexerWhenListed + model.perAttributionWrite.holdWhenHeld} WCU (the indexer's update and hold) | - | ${model.perAttributionWrite.queueIndexWhenListed} WCU | - |`,
    `| another writer's attribution write, out of a listed status or into rejected | ${model.perAttributionWrite.referrals} WCU + ${model.perAttributionWrite.indexerWhenListed} WCU (the indexer's) | - | ${model.perAttributionWrite.queueIndexWhenListed} WCU | - |`,
    `| another writer's attribution write, other status | ${model.perAttributionWrite.referrals} WCU | - | 0 | - |`,
    '',
    `| attribution writes/s | held for review | referrals table | hottest partition, one per status (old) | hottest partition, ${model.shards} shards (sparse) |`,
    '| --- | --- | --- | --- | --- |',
    ...model.rows.map(
      (row) =>
        `| ${format(row.rate)} | ${row.held * 100} % | ${format(row.table)} WCU/s | ${format(row.statusPartition)} WCU/s${row.statusPartition > PARTITION_WRITE_UNITS ? ' (throttled)' : ''} | ${format(row.queueShard)} WCU/s${row.queueShard > PARTITION_WRITE_UNITS ? ' (throttled)' : ''} |`,
    ),
    '',
    '| list page | ALL projection | KEYS_ONLY + BatchGetItem |',
    '| --- | --- | --- |',
    ...model.listPages.map(
      (page) => `| ${page.limit} entries | ${format(page.all)} RCU, 1 round | ${format(page.keysOnly)} RCU, 2 rounds |`,
    ),
    '',
    '| backlog pass (every 5 minutes) | queries | read units a pass | read units a day |',
    '| --- | --- | --- | --- |',
    ...model.backlogPasses.map(
      (pass) =>
        `| ${format(pass.held)} held | ${format(pass.queries)} | ${format(pass.readUnits)} RRU | ${format(pass.readUnits * BACKLOG_PASSES_A_DAY)} RRU |`,
    ),
    '',
    `A queue entry under ALL is ${model.sizes.queueEntry} bytes; an INCLUDE of the ${Object.keys(AttributionSchema.entries).length} fields the list returns would be ${model.sizes.listFieldsEntry} bytes, and DynamoDB projects at most 20.`,
    '',
    '| where it breaks (1,000 WCU/s a partition) | at |',
    '| --- | --- |',
    `| one partition per status (the old index) | ${format(breaks.statusPartition)} attribution writes/s |`,
    `| the sparse queue, ${model.shards} shards | ${format(breaks.queueShardsAllHeld)} writes/s into the queue; ${format(breaks.queueShardsUsual)} attribution writes/s with ${USUAL_HELD_SHARE * 100} % held |`,
    `| an account's usage partition | ${format(Math.floor(breaks.accountRequestsPerSecond))} requests/s (${format(Math.floor(breaks.accountKeyedRequestsPerSecond))} with an Idempotency-Key), or ${format(breaks.bulkRejectsPerSecond)} bulk rejects of 100/s |`,
    `| by-activity-day, one partition a UTC day | ${format(breaks.activityItemsPerSecond)} activity items/s across the stage: ${format(breaks.stageBulkRejectsPerSecond)} bulk rejects of 100 a second |`,
  ];
  return lines.join('\n');
};
