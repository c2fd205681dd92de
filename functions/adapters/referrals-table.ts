// The referrals table, whole: an attribution, its rewards, its activity and its holds share the attribution's
// partition; the queue index lists the attributions of each listed status, oldest first, spread over shards; the
// activity index holds the audit trail by day. Its keys, indexes and the items this API writes there.
import { createHash } from 'node:crypto';
import type { Activity } from '../referrals/activity.js';
import { type Attribution, type AttributionStatus, QUEUE_STATUSES } from '../referrals/attribution.js';
import { ITEM_ABSENT } from './conditions.js';

export const ATTRIBUTION_SK = 'attribution';
export const REWARD_SK_PREFIX = 'reward#';
export const ACTIVITY_PREFIX = 'activity#';
export const NOTE_PREFIX = 'note#';

/** Oldest first when sorted ascending: the time leads, the note id keeps two notes of one instant apart. */
export const noteSortKey = (at: string, noteId: string): string => `${NOTE_PREFIX}${at}#${noteId}`;
export const HOLD_PREFIX = 'hold#';

/** Newest first when sorted descending: the timestamp leads, the request id keeps two changes in one instant apart. */
export const activitySortKey = (at: string, requestId: string): string => `${ACTIVITY_PREFIX}${at}#${requestId}`;
/** The time an activity item's sort key names; undefined for any other sort key. */
export const activityTimeOf = (sk: string): string | undefined => /^activity#([^#]+)#/.exec(sk)?.[1];

/**
 * The index that serves the review queue: partition `queue_key` (`<status>#<shard>`), sort `queue_order`. Sparse:
 * only attributions in a listed status carry queue_key.
 */
export const QUEUE_INDEX = 'review-queue';
/** The index the queue was read through before: partition `status`, sort `queue_order`; kept during a table's switch. */
export const STATUS_INDEX = 'by-status';
export const QUEUE_KEY = 'queue_key';
/** Who holds a claim on a held attribution, and the end of its lease (epoch milliseconds); both absent without one. */
export const CLAIMED_BY = 'claimed_by';
export const CLAIMED_UNTIL = 'claimed_until';
/** The placeholders every claim condition names them by (adapters/conditions.ts). */
export const CLAIM_NAMES = { '#claimedBy': CLAIMED_BY, '#claimedUntil': CLAIMED_UNTIL } as const;
export const QUEUE_ORDER = 'queue_order';

/**
 * How many index partitions each listed status is spread over, writes included: chosen from the capacity model
 * (docs/architecture.md), which `npm run capacity` computes. Changing it moves every queued item: see the migration.
 */
export const QUEUE_SHARDS = 16;

/** An attribution's shard: from its id alone, so a status change keeps the shard and only the status part moves. */
export const queueShard = (id: string): number => createHash('sha256').update(id).digest().readUInt32BE(0) % QUEUE_SHARDS;

export const queueKey = (status: string, shard: number): string => `${status}#${shard}`;

/** Whether a status is listed, and so whether its attributions carry the queue index's key. */
export const isQueued = (status: AttributionStatus | string): boolean => (QUEUE_STATUSES as readonly string[]).includes(status);

/** The index of the audit trail by UTC day: partition `activity_day`, sort `sk` (`activity#<at>#<request id>`). */
export const ACTIVITY_INDEX = 'by-activity-day';
export const ACTIVITY_DAY = 'activity_day';
/** The UTC day of an activity item's time, which places it in the activity index. */
export const activityDay = (at: string): string => at.slice(0, 10);

export const attributionItemKey = (id: string) => ({ pk: id, sk: ATTRIBUTION_SK });
export const rewardItemKey = (attributionId: string, rewardId: string) => ({ pk: attributionId, sk: `${REWARD_SK_PREFIX}${rewardId}` });

/**
 * Where an attribution sits in its status's queue: created_at, then id, so ties keep a stable order. Both are
 * fixed at creation, so the item moves between queues with its queue_key alone.
 */
export const queueOrder = (attribution: Pick<Attribution, 'created_at' | 'id'>): string =>
  `${attribution.created_at ?? ''}#${attribution.id}`;

/**
 * An attribution as stored: its keys, its spec fields, and its place in the queue. The one writer of the queue
 * attributes: queue_order always (fixed at creation), queue_key only in a listed status.
 */
export const attributionItem = (attribution: Attribution) => ({
  ...attributionItemKey(attribution.id),
  ...attribution,
  [QUEUE_ORDER]: queueOrder(attribution),
  ...(isQueued(attribution.status) ? { [QUEUE_KEY]: queueKey(attribution.status, queueShard(attribution.id)) } : {}),
});

/** An activity item as stored: under its attribution, timed, and placed in the activity index by its day. */
export const activityItem = (attributionId: string, activity: Activity) => ({
  pk: attributionId,
  sk: activitySortKey(activity.at, activity.request_id),
  ...activity,
  [ACTIVITY_DAY]: activityDay(activity.at),
});

/** When an attribution last entered review_required: set in the same write that moves it there. */
export const HELD_AT = 'held_at';

/** A hold's sort key: one a stay in review, by the time it began. */
export const holdSortKey = (heldAt: string): string => `${HOLD_PREFIX}${heldAt}`;
/** The time a hold item's sort key names; undefined for any other sort key. */
export const holdTimeOf = (sk: string): string | undefined => (sk.startsWith(HOLD_PREFIX) ? sk.slice(HOLD_PREFIX.length) : undefined);

/**
 * The write that records a hold: a hold item under the attribution, written once and never changed, whose insert the
 * forwarder publishes as `referral.review_opened`. Whoever moves a referral into review_required sets HELD_AT to
 * `hold.held_at` on the attribution and puts this, in the same transaction where it has one (a reopen), or just after
 * the attribution's write (the queue indexer). Not in the activity index: a wave of holds must not take the partition
 * of the day that reviewers' decisions write.
 */
export const holdPut = (table: string, attributionId: string, hold: { readonly held_at: string }) => ({
  TableName: table,
  Item: { pk: attributionId, sk: holdSortKey(hold.held_at), ...hold },
  ConditionExpression: ITEM_ABSENT,
});
