// Keeps an attribution's place in the review queue index in step with its status, whoever wrote that status: the
// queue indexer (on the referrals table's stream) and the backfill (npm run migrate -- queue-index) both place
// items through here. Every write is conditioned on the status it was decided from, so a later change always wins.
// An attribution entering review_required is given held_at in the same write, and its hold is recorded just after.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import { holdOf } from '../referrals/hold.js';
import { mapWithConcurrency } from '../shared/concurrency.js';
import { allOf, NOT_QUEUED_THERE, STATUS_AS_READ } from './conditions.js';
import { ATTRIBUTION_SK, HELD_AT, holdPut, isQueued, QUEUE_KEY, QUEUE_ORDER, queueKey, queueOrder, queueShard } from './referrals-table.js';

/**
 * What an attribution item must change to be placed right for its status; undefined when it is placed right. It
 * enters review when it is in review_required without the review queue's key: whatever its status was before, it
 * was not in the review queue at the time of this write.
 */
export type QueueChange = { status: string; wanted: string | undefined; order: string; entersReview: boolean };

export const queueChange = (item: Record<string, unknown>): QueueChange | undefined => {
  const status = String(item.status);
  const id = String(item.pk);
  const wanted = isQueued(status) ? queueKey(status, queueShard(id)) : undefined;
  // Outside the queue an item needs no queue_order; in it, the index needs both keys.
  if (item[QUEUE_KEY] === wanted && (wanted === undefined || item[QUEUE_ORDER] !== undefined)) return undefined;
  const entersReview = status === REVIEWABLE_STATUS && item[QUEUE_KEY] !== wanted;
  return { status, wanted, order: queueOrder({ id, created_at: item.created_at as string | undefined }), entersReview };
};

/** written: the item was placed; current: nothing to do; moved: its status changed since it was read (that change places it). */
export type Placement = 'written' | 'current' | 'moved';

export type QueuePlacer = {
  /**
   * Places an attribution by its image. `heldAt`, the time of the stream record that moved it into review, gives an
   * attribution entering review its held_at and a hold; the backfill, which reads no record, gives none.
   */
  place(item: Record<string, unknown>, heldAt?: string): Promise<Placement>;
};

export const createQueuePlacer = (client: DynamoDBDocumentClient, table: string): QueuePlacer => ({
  async place(item, heldAt) {
    const change = queueChange(item);
    if (!change) return 'current';
    const hold = change.entersReview && heldAt ? holdOf(item, heldAt) : undefined;
    let placement: Placement = 'written';
    try {
      // Idempotent: a resend after a lost answer sets the same values under the same condition.
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: item.pk, sk: ATTRIBUTION_SK },
          UpdateExpression: `SET #order = if_not_exists(#order, :order)${change.wanted ? ', #key = :key' : ''}${hold ? ', #heldAt = :heldAt' : ''}${change.wanted ? '' : ' REMOVE #key'}`,
          // An image older than the item's entry into the queue (a write of the stay it already began) sets no held_at.
          ConditionExpression: change.entersReview ? allOf(STATUS_AS_READ, NOT_QUEUED_THERE) : STATUS_AS_READ,
          ExpressionAttributeNames: {
            '#status': 'status',
            '#key': QUEUE_KEY,
            '#order': QUEUE_ORDER,
            ...(hold ? { '#heldAt': HELD_AT } : {}),
          },
          ExpressionAttributeValues: {
            ':expected': change.status,
            ':order': change.order,
            ...(change.wanted ? { ':key': change.wanted } : {}),
            ...(hold ? { ':heldAt': hold.held_at } : {}),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = error.Item ? unmarshall(error.Item) : undefined;
      if (stored?.status !== change.status) return 'moved';
      // In the queue already. Held by this very record (an earlier try's write, whose hold may not have followed), the
      // hold is written below; held by an earlier record, its own placement recorded the hold.
      if (!hold || stored[HELD_AT] !== hold.held_at) return 'current';
      placement = 'current';
    }
    if (hold) {
      try {
        await client.send(new PutCommand(holdPut(table, String(item.pk), hold)));
      } catch (error) {
        // Recorded already: a hold is written once.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return placement;
  },
});

/** One page of a scan of the table's attribution items, with only the attributes that place them (and their held_at). */
export const scanAttributionPlacements = async (
  client: DynamoDBDocumentClient,
  table: string,
  { limit, start }: { limit: number; start?: Record<string, unknown> },
): Promise<{ items: Record<string, unknown>[]; scanned: number; next?: Record<string, unknown> }> => {
  const page = await client.send(
    new ScanCommand({
      TableName: table,
      Limit: limit,
      ExclusiveStartKey: start,
      FilterExpression: 'sk = :attribution',
      ProjectionExpression: 'pk, sk, #status, created_at, #key, #order, #heldAt',
      ExpressionAttributeNames: { '#status': 'status', '#key': QUEUE_KEY, '#order': QUEUE_ORDER, '#heldAt': HELD_AT },
      ExpressionAttributeValues: { ':attribution': ATTRIBUTION_SK },
    }),
  );
  return { items: page.Items ?? [], scanned: page.ScannedCount ?? 0, ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
};

/**
 * A stream record as the indexer reads it: its sequence number, the attribution's new image, and when the record
 * was written (ISO time, to the second: the record's ApproximateCreationDateTime).
 */
export type AttributionChange = { sequenceNumber: string; image: Record<string, unknown> | undefined; at?: string };

export type IndexingResult = Record<Placement, number> & { failed: number; failedFrom?: string; error?: string };

/** How many attributions of a batch are placed at once. */
const CONCURRENCY = 10;

type Newest = { first: string; image: Record<string, unknown>; heldSince: string | undefined };

/**
 * Places each attribution of a stream batch once, by its newest image in the batch. One that entered review is held
 * from the first record of its last run of review_required images in the batch: the write that moved it there, not a
 * rewrite after it. A placement that fails (DynamoDB throttled or unreachable past the SDK's retries) makes the batch
 * fail from that attribution's earliest record, so Lambda hands it over again; placements already made are made again
 * harmlessly.
 */
export const placeStreamBatch = async (placer: QueuePlacer, records: AttributionChange[]): Promise<IndexingResult> => {
  const newest = new Map<string, Newest>();
  for (const record of records) {
    const image = record.image;
    if (!image || image.sk !== ATTRIBUTION_SK || typeof image.pk !== 'string') continue;
    const before = newest.get(image.pk);
    const stillHeld = before?.image.status === REVIEWABLE_STATUS && image.status === REVIEWABLE_STATUS;
    newest.set(image.pk, { first: before?.first ?? record.sequenceNumber, image, heldSince: stillHeld ? before.heldSince : record.at });
  }
  const result: IndexingResult = { written: 0, current: 0, moved: 0, failed: 0 };
  const failures: string[] = [];
  await mapWithConcurrency([...newest.values()], CONCURRENCY, async ({ first, image, heldSince }) => {
    try {
      result[await placer.place(image, heldSince)] += 1;
    } catch (error) {
      result.failed += 1;
      result.error ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      failures.push(first);
    }
  });
  const earliest = records.find((record) => failures.includes(record.sequenceNumber));
  return earliest ? { ...result, failedFrom: earliest.sequenceNumber } : result;
};
