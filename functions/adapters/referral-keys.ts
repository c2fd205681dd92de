// Key layout of the referrals table: an attribution, its rewards and its activity share the attribution's partition,
// and the status index lists attributions by status, oldest first.
import type { Attribution } from '../referrals/attribution.js';

export const ATTRIBUTION_SK = 'attribution';
export const REWARD_SK_PREFIX = 'reward#';

/** The index that serves the review queue: partition `status`, sort `queue_order`. */
export const STATUS_INDEX = 'by-status';
export const QUEUE_ORDER = 'queue_order';

/** The index of the audit trail by UTC day: partition `activity_day`, sort `sk` (`activity#<at>#<request id>`). */
export const ACTIVITY_INDEX = 'by-activity-day';
export const ACTIVITY_DAY = 'activity_day';
/** The UTC day of an activity item's time, which places it in the activity index. */
export const activityDay = (at: string): string => at.slice(0, 10);

export const attributionItemKey = (id: string) => ({ pk: id, sk: ATTRIBUTION_SK });
export const rewardItemKey = (attributionId: string, rewardId: string) => ({ pk: attributionId, sk: `${REWARD_SK_PREFIX}${rewardId}` });

/**
 * Where an attribution sits in its status's queue: created_at, then id, so ties keep a stable order. Both are
 * fixed at creation, so the item moves between queues with its status alone and never needs rewriting.
 */
export const queueOrder = (attribution: Pick<Attribution, 'created_at' | 'id'>): string =>
  `${attribution.created_at ?? ''}#${attribution.id}`;

/** An attribution as stored: its keys, its spec fields, and its place in the status index. */
export const attributionItem = (attribution: Attribution) => ({
  ...attributionItemKey(attribution.id),
  ...attribution,
  [QUEUE_ORDER]: queueOrder(attribution),
});
