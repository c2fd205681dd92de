// Reads the review queue for the backlog pass: every review_required entry of one shard of the review-queue index,
// a page at a time, keeping only what the figures need (held_at, created_at) and the read units DynamoDB charged.
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import type { BacklogReader, ShardBacklog } from '../referrals/review-backlog.js';
import { callDynamo } from './dynamodb-errors.js';
import { HELD_AT, QUEUE_INDEX, QUEUE_KEY, QUEUE_SHARDS, queueKey } from './referrals-table.js';

/**
 * A page of 1,000 entries: about 0.5 MB of index (entries of about 513 bytes, projecting ALL), under a Query's 1 MB.
 * A projection does not lower what a read is charged: a Query is charged by the size of the entries it reads.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
export const BACKLOG_PAGE_ENTRIES = 1_000;
/**
 * Pages a shard's read takes at most: 50,000 entries a shard, 800,000 across the 16, far past any backlog reviewers
 * can work through, in about 63 read units a page. Past it, the shard's count is a floor and its unread entries are
 * the newest by creation.
 */
export const BACKLOG_PAGES_PER_SHARD = 50;

const timeOf = (value: unknown): string | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined;

export const createHeldQueueReader = (
  client: DynamoDBDocumentClient,
  table: string,
  { pageEntries = BACKLOG_PAGE_ENTRIES, pagesPerShard = BACKLOG_PAGES_PER_SHARD } = {},
): BacklogReader => ({
  shards: QUEUE_SHARDS,
  async readShard(shard) {
    const backlog: ShardBacklog = { held: 0, oldestHeldAt: undefined, withoutHeldAt: 0, complete: true, readUnits: 0 };
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < pagesPerShard; page++) {
      // Eventually consistent, as every read of a global secondary index is.
      const answer = await callDynamo(() =>
        client.send(
          new QueryCommand({
            TableName: table,
            IndexName: QUEUE_INDEX,
            KeyConditionExpression: '#queue = :queue',
            // An entry whose status moved on, before the indexer took its key away, is not held.
            FilterExpression: '#status = :held',
            ProjectionExpression: '#heldAt, created_at',
            ExpressionAttributeNames: { '#queue': QUEUE_KEY, '#status': 'status', '#heldAt': HELD_AT },
            ExpressionAttributeValues: { ':queue': queueKey(REVIEWABLE_STATUS, shard), ':held': REVIEWABLE_STATUS },
            Limit: pageEntries,
            ReturnConsumedCapacity: 'TOTAL',
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      );
      backlog.readUnits += answer.ConsumedCapacity?.CapacityUnits ?? 0;
      for (const entry of answer.Items ?? []) {
        const heldAt = timeOf(entry[HELD_AT]);
        const since = heldAt ?? timeOf(entry.created_at);
        backlog.held += 1;
        if (!heldAt) backlog.withoutHeldAt += 1;
        if (since !== undefined && (backlog.oldestHeldAt === undefined || since < backlog.oldestHeldAt)) backlog.oldestHeldAt = since;
      }
      start = answer.LastEvaluatedKey;
      if (!start) return backlog;
    }
    return { ...backlog, complete: false };
  },
});
