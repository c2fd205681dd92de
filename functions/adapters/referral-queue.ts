// The review queue's reads: a shard of a status's queue through its index, and one referral with everything known of it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimFilter } from '../referrals/claims.js';
import type { ClaimQuery, ReferralReader } from '../referrals/ports.js';
import { allOf, anyOf, CLAIM_EXPIRED, CLAIM_LIVE, CLAIMED_BY_CALLER, UNCLAIMED } from './conditions.js';
import { callDynamo } from './dynamodb-errors.js';
import { parseRecord, readPartition, StoredAttributionSchema, storedClaimOf, type Tables } from './referral-records.js';
import {
  attributionItemKey,
  CLAIM_NAMES,
  QUEUE_INDEX,
  QUEUE_KEY,
  QUEUE_ORDER,
  QUEUE_SHARDS,
  queueKey,
  STATUS_INDEX,
} from './referrals-table.js';

/** Which index the queue is read through: review-queue, or by-status while a table is switched away from it. */
export type QueueSource = typeof QUEUE_INDEX | typeof STATUS_INDEX;

/** Each source's layout: its partition key attribute, how many partitions a status has, and which one a shard is. */
const QUEUE_SOURCES = {
  [QUEUE_INDEX]: { key: QUEUE_KEY, shards: QUEUE_SHARDS, partition: queueKey },
  [STATUS_INDEX]: { key: 'status', shards: 1, partition: (status: string) => status },
} as const;

/** What each claim filter keeps of a shard's read, by the server's clock at the read. */
const CLAIM_FILTERS: Record<ClaimFilter, string> = {
  mine: allOf(CLAIMED_BY_CALLER, CLAIM_LIVE),
  others: allOf(CLAIM_LIVE, '#claimedBy <> :caller'),
  none: anyOf(UNCLAIMED, CLAIM_EXPIRED),
};

/**
 * What a shard's read keeps of what it evaluated. On review-queue, only entries of the status asked for: one whose
 * status another writer moved on is not listed under its old status while its queue_key waits for the queue indexer.
 * (by-status is keyed on the status itself, and a key attribute cannot be filtered on.) A referrer and a claim filter
 * narrow it further; all apply after the index read, so a page may be short.
 */
const filterOf = (source: QueueSource, status: string, referrerUserId: string | undefined, claimed: ClaimQuery | undefined) => {
  const conditions = [
    ...(source === QUEUE_INDEX ? ['#status = :status'] : []),
    ...(referrerUserId ? ['referrer_user_id = :referrer'] : []),
    ...(claimed ? [CLAIM_FILTERS[claimed.filter]] : []),
  ];
  const names = {
    ...(source === QUEUE_INDEX ? { '#status': 'status' } : {}),
    ...(claimed ? CLAIM_NAMES : {}),
  };
  const values = {
    ...(source === QUEUE_INDEX ? { ':status': status } : {}),
    ...(referrerUserId ? { ':referrer': referrerUserId } : {}),
    ...(claimed ? { ':nowMs': claimed.nowMs, ...(claimed.filter === 'none' ? {} : { ':caller': claimed.caller }) } : {}),
  };
  return { ...(conditions.length ? { FilterExpression: allOf(...conditions) } : {}), names, values };
};

/** An entry's claim, when its item carries one. */
const withClaim = (item: Record<string, unknown>) => {
  const claim = storedClaimOf(item);
  return claim ? { claim } : {};
};

export const createReferralReader = (
  client: DynamoDBDocumentClient,
  tables: Tables,
  source: QueueSource = QUEUE_INDEX,
): ReferralReader => ({
  async loadReferral(attributionId) {
    const { claim, ...record } = await readPartition(client, tables, attributionId);
    return record.attribution ? { ...record, attribution: record.attribution, ...(claim ? { claim } : {}) } : undefined;
  },
  queueShards: QUEUE_SOURCES[source].shards,
  async listShard({ status, shard, limit, referrerUserId, claimed, after }) {
    const { key, partition: partitionOf } = QUEUE_SOURCES[source];
    const partition = partitionOf(status, shard);
    const { names, values, ...filter } = filterOf(source, status, referrerUserId, claimed);
    const page = await callDynamo(() =>
      client.send(
        new QueryCommand({
          TableName: tables.referrals,
          IndexName: source,
          KeyConditionExpression: '#queue = :queue',
          ...filter,
          ExpressionAttributeNames: { '#queue': key, ...names },
          ExpressionAttributeValues: { ':queue': partition, ...values },
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
        ...withClaim(item),
      })),
      ...(last ? { last: positionOf(last) } : {}),
    };
  },
});
