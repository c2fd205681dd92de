// Keeps an attribution's place in the review queue index in step with its status, whoever wrote that status: the
// queue indexer (on the referrals table's stream) and the backfill (npm run migrate -- queue-index) both place
// items through here. Every write is conditioned on the status it was decided from, so a later change always wins.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../shared/concurrency.js';
import { STATUS_AS_READ } from './conditions.js';
import { ATTRIBUTION_SK, isQueued, QUEUE_KEY, QUEUE_ORDER, queueKey, queueOrder, queueShard } from './referrals-table.js';

/** What an attribution item must change to be placed right for its status; undefined when it is placed right. */
export type QueueChange = { status: string; wanted: string | undefined; order: string };

export const queueChange = (item: Record<string, unknown>): QueueChange | undefined => {
  const status = String(item.status);
  const id = String(item.pk);
  const wanted = isQueued(status) ? queueKey(status, queueShard(id)) : undefined;
  // Outside the queue an item needs no queue_order; in it, the index needs both keys.
  if (item[QUEUE_KEY] === wanted && (wanted === undefined || item[QUEUE_ORDER] !== undefined)) return undefined;
  return { status, wanted, order: queueOrder({ id, created_at: item.created_at as string | undefined }) };
};

/** written: the item was placed; current: nothing to do; moved: its status changed since it was read (that change places it). */
export type Placement = 'written' | 'current' | 'moved';

export type QueuePlacer = { place(item: Record<string, unknown>): Promise<Placement> };

export const createQueuePlacer = (client: DynamoDBDocumentClient, table: string): QueuePlacer => ({
  async place(item) {
    const change = queueChange(item);
    if (!change) return 'current';
    try {
      // Idempotent: a resend after a lost answer sets the same values under the same condition.
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: item.pk, sk: ATTRIBUTION_SK },
          UpdateExpression: `SET #order = if_not_exists(#order, :order)${change.wanted ? ', #key = :key' : ' REMOVE #key'}`,
          ConditionExpression: STATUS_AS_READ,
          ExpressionAttributeNames: { '#status': 'status', '#key': QUEUE_KEY, '#order': QUEUE_ORDER },
          ExpressionAttributeValues: {
            ':expected': change.status,
            ':order': change.order,
            ...(change.wanted ? { ':key': change.wanted } : {}),
          },
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'moved';
      throw error;
    }
  },
});

/** One page of a scan of the table's attribution items, with only the attributes that place them. */
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
      ProjectionExpression: 'pk, sk, #status, created_at, #key, #order',
      ExpressionAttributeNames: { '#status': 'status', '#key': QUEUE_KEY, '#order': QUEUE_ORDER },
      ExpressionAttributeValues: { ':attribution': ATTRIBUTION_SK },
    }),
  );
  return { items: page.Items ?? [], scanned: page.ScannedCount ?? 0, ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
};

/** A stream record as the indexer reads it: its sequence number and the attribution's new image. */
export type AttributionChange = { sequenceNumber: string; image: Record<string, unknown> | undefined };

export type IndexingResult = Record<Placement, number> & { failed: number; failedFrom?: string; error?: string };

/** How many attributions of a batch are placed at once. */
const CONCURRENCY = 10;

/**
 * Places each attribution of a stream batch once, by its newest image in the batch. A placement that fails (DynamoDB
 * throttled or unreachable past the SDK's retries) makes the batch fail from that attribution's earliest record, so
 * Lambda hands it over again; placements already made are made again harmlessly.
 */
export const placeStreamBatch = async (placer: QueuePlacer, records: AttributionChange[]): Promise<IndexingResult> => {
  const newest = new Map<string, { first: string; image: Record<string, unknown> }>();
  for (const record of records) {
    const image = record.image;
    if (!image || image.sk !== ATTRIBUTION_SK || typeof image.pk !== 'string') continue;
    newest.set(image.pk, { first: newest.get(image.pk)?.first ?? record.sequenceNumber, image });
  }
  const result: IndexingResult = { written: 0, current: 0, moved: 0, failed: 0 };
  const failures: string[] = [];
  await mapWithConcurrency([...newest.values()], CONCURRENCY, async ({ first, image }) => {
    try {
      result[await placer.place(image)] += 1;
    } catch (error) {
      result.failed += 1;
      result.error ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      failures.push(first);
    }
  });
  const earliest = records.find((record) => failures.includes(record.sequenceNumber));
  return earliest ? { ...result, failedFrom: earliest.sequenceNumber } : result;
};
