// The review queue's reads: a shard of a status's queue through its index, and one referral with everything known of it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ReferralReader } from '../referrals/ports.js';
import { callDynamo } from './dynamodb-errors.js';
import { parseRecord, readPartition, StoredAttributionSchema, type Tables } from './referral-records.js';
import { attributionItemKey, QUEUE_INDEX, QUEUE_KEY, QUEUE_ORDER, QUEUE_SHARDS, queueKey, STATUS_INDEX } from './referrals-table.js';

/** Which index the queue is read through: review-queue, or by-status while a table is switched away from it. */
export type QueueSource = typeof QUEUE_INDEX | typeof STATUS_INDEX;

/** Each source's layout: its partition key attribute, how many partitions a status has, and which one a shard is. */
const QUEUE_SOURCES = {
  [QUEUE_INDEX]: { key: QUEUE_KEY, shards: QUEUE_SHARDS, partition: queueKey },
  [STATUS_INDEX]: { key: 'status', shards: 1, partition: (status: string) => status },
} as const;

/**
 * What a shard's read keeps of what it evaluated. On review-queue, only entries of the status asked for: one whose
 * status another writer moved on is not listed under its old status while its queue_key waits for the queue indexer.
 * (by-status is keyed on the status itself, and a key attribute cannot be filtered on.)
 */
const filterOf = (source: QueueSource, referrerUserId: string | undefined) => {
  const conditions = [
    ...(source === QUEUE_INDEX ? ['#status = :status'] : []),
    ...(referrerUserId ? ['referrer_user_id = :referrer'] : []),
  ];
  return conditions.length ? { FilterExpression: conditions.join(' AND ') } : {};
};

export const createReferralReader = (
  client: DynamoDBDocumentClient,
  tables: Tables,
  source: QueueSource = QUEUE_INDEX,
): ReferralReader => ({
  async loadReferral(attributionId) {
    const record = await readPartition(client, tables, attributionId);
    return record.attribution ? { ...record, attribution: record.attribution } : undefined;
  },
  queueShards: QUEUE_SOURCES[source].shards,
  async listShard({ status, shard, limit, referrerUserId, after }) {
    const { key, partition: partitionOf } = QUEUE_SOURCES[source];
    const partition = partitionOf(status, shard);
    const page = await callDynamo(() =>
      client.send(
        new QueryCommand({
          TableName: tables.referrals,
          IndexName: source,
          KeyConditionExpression: '#queue = :queue',
          ...filterOf(source, referrerUserId),
          ExpressionAttributeNames: { '#queue': key, ...(source === QUEUE_INDEX ? { '#status': 'status' } : {}) },
          ExpressionAttributeValues: {
            ':queue': partition,
            ...(source === QUEUE_INDEX ? { ':status': status } : {}),
            ...(referrerUserId ? { ':referrer': referrerUserId } : {}),
          },
          Limit: limit,
          ScanIndexForward: true,
          ...(after ? { ExclusiveStartKey: { [key]: partition, [QUEUE_ORDER]: after.order, ...attributionItemKey(after.id) } } : {}),
        }),
      ),
    );
    const positionOf = (item: Record<string, unknown>) => ({ order: String(item[QUEUE_ORDER]), id: String(item.pk) });
    const last = page.LastEvaluatedKey;
    return {
      entries: (page.Items ?? []).map((item) => ({
        attribution: parseRecord(StoredAttributionSchema, item, 'attribution'),
        position: positionOf(item),
      })),
      ...(last ? { last: positionOf(last) } : {}),
    };
  },
});
