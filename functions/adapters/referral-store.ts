// DynamoDB access for attributions: one consistent read of the attribution with its rewards, and a decision's transaction.
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import { IDEMPOTENCY_TTL_SECONDS } from '../idempotency/record.js';
import { ActivitySchema } from '../referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../referrals/attribution.js';
import type {
  BulkItemWrite,
  BulkReferralStore,
  DecisionCancellation,
  DecisionWritePlan,
  ReferralReader,
  ReferralStore,
  StoredReferral,
} from '../referrals/ports.js';
import { callDynamo } from './dynamodb-errors.js';
import { toIdempotencyRecord } from './idempotency-store.js';
import { batchGetConsistent, settledBatchRead, withoutKeys } from './items.js';
import {
  ACTIVITY_PREFIX,
  ATTRIBUTION_SK,
  activityItem,
  attributionItemKey,
  isQueued,
  QUEUE_INDEX,
  QUEUE_KEY,
  QUEUE_ORDER,
  QUEUE_SHARDS,
  queueKey,
  queueShard,
  REWARD_SK_PREFIX,
  STATUS_INDEX,
} from './referrals-table.js';
import { transactWrite } from './transact.js';
import {
  CHARGE_ITEM_COUNT,
  chargeItems,
  conditionFailed,
  idempotencyKey,
  readChargeRefusal,
  type TransactItem,
  usageRecordPut,
} from './usage-table.js';

type Tables = { referrals: string; usage: string };

type ReferralWrite = Pick<DecisionWritePlan, 'attributionId' | 'expectedStatus' | 'changes' | 'activity'> & { decidedUnder?: string };

/** The attribute naming the keyed request that decided a referral (BulkItemWrite.decidedUnder); every decision sets or clears it. */
export const DECIDED_UNDER = 'decided_under';

/** The referral's two writes: its status change, conditional on the status read, and its activity item. */
const decisionItems = (tables: Tables, write: ReferralWrite): TransactItem[] => {
  const names: Record<string, string> = { '#status': 'status', '#queue': QUEUE_KEY, '#decidedUnder': DECIDED_UNDER };
  const values: Record<string, unknown> = { ':expected': write.expectedStatus };
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(write.changes).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  });
  // The queue key moves with the status, in the same write: into the new status's shard, or out of the index.
  if (isQueued(write.changes.status)) {
    values[':queue'] = queueKey(write.changes.status, queueShard(write.attributionId));
    sets.push('#queue = :queue');
  } else removes.push('#queue');
  // A decision without a key leaves no mark of an earlier keyed one.
  if (write.decidedUnder === undefined) removes.push('#decidedUnder');
  else {
    values[':decidedUnder'] = write.decidedUnder;
    sets.push('#decidedUnder = :decidedUnder');
  }
  return [
    {
      Update: {
        TableName: tables.referrals,
        Key: attributionItemKey(write.attributionId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#status = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Put: {
        TableName: tables.referrals,
        Item: activityItem(write.attributionId, write.activity),
        // Written once, never replaced.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
};

/** Builds the TransactWriteItems request; item order matters to readCancellation. */
export const buildDecisionTransaction = (tables: Tables, write: DecisionWritePlan): TransactWriteCommandInput => {
  const items: TransactItem[] = [...decisionItems(tables, write), ...chargeItems(tables.usage, write.charge)];
  if (write.idempotency) {
    items.push({
      Put: {
        TableName: tables.usage,
        Item: { ...idempotencyKey(write.charge.userId, write.idempotency.key), ...write.idempotency },
        // An expired record that TTL has not removed yet may be replaced; expired means as isLive says: expires_at <= now.
        ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
        ExpressionAttributeValues: { ':now': write.idempotency.expires_at - IDEMPOTENCY_TTL_SECONDS },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
  }
  return { TransactItems: items };
};

/** One referral's transaction in a bulk decision: its status change, its activity item and its own usage record. */
export const buildBulkItemTransaction = (tables: Tables, write: BulkItemWrite): TransactWriteCommandInput => ({
  // No counter: the credits were reserved on them already, so no two referrals' transactions share an item.
  TransactItems: [...decisionItems(tables, write), usageRecordPut(tables.usage, write.userId, write.usage)],
});

/** Where each write sits in the transaction; readCancellation reads the reasons by these positions. */
const ATTRIBUTION_ITEM = 0;
const FIRST_CHARGE_ITEM = 2;
const IDEMPOTENCY_ITEM = FIRST_CHARGE_ITEM + CHARGE_ITEM_COUNT;

/** Names the cause of a cancellation, most specific first: a replay, the referral, the counters, else contention. */
export const readCancellation = (reasons: CancellationReason[]): DecisionCancellation => {
  const attribution = reasons[ATTRIBUTION_ITEM];
  const charge = reasons.slice(FIRST_CHARGE_ITEM, IDEMPOTENCY_ITEM);
  const idempotency = reasons[IDEMPOTENCY_ITEM];
  const record = conditionFailed(idempotency) && idempotency?.Item ? toIdempotencyRecord(unmarshall(idempotency.Item)) : undefined;
  if (record) return { kind: 'idempotency_replay', record };
  if (conditionFailed(attribution)) {
    return attribution?.Item
      ? { kind: 'attribution_status', status: String(unmarshall(attribution.Item).status) }
      : { kind: 'attribution_missing' };
  }
  const refusal = readChargeRefusal(charge);
  return refusal ? { kind: refusal } : { kind: 'contention' };
};

// Stored items are read through the spec's fields, in the spec's order; attributes outside the spec (index keys) are left out.
const StoredAttributionSchema = v.object(AttributionSchema.entries);
const StoredRewardSchema = /* @__PURE__ */ (() => v.object(RewardSchema.entries))();

/** A stored record that does not match its schema is corrupt data: a 500, logged, never passed on. */
const parseRecord = <S extends v.GenericSchema>(schema: S, item: Record<string, unknown>, what: string): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, withoutKeys(item));
  if (!parsed.success)
    throw new Error(`Stored ${what} ${String(item.pk)} does not match its schema at ${v.getDotPath(parsed.issues[0]) ?? '(root)'}`);
  return parsed.output;
};

/** Every item of an attribution's partition, read consistently: the attribution, its rewards and its activity. */
const readPartition = async (client: DynamoDBDocumentClient, tables: Tables, attributionId: string) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(() =>
      client.send(
        new QueryCommand({
          TableName: tables.referrals,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': attributionId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const attribution = items.find((item) => item.sk === ATTRIBUTION_SK);
  return {
    attribution: attribution ? parseRecord(StoredAttributionSchema, attribution, 'attribution') : undefined,
    rewards: items
      .filter((item) => String(item.sk).startsWith(REWARD_SK_PREFIX))
      .map((item) => parseRecord(StoredRewardSchema, item, 'reward')),
    // Newest first: the sort key starts with the time of the change.
    activity: items
      .filter((item) => String(item.sk).startsWith(ACTIVITY_PREFIX))
      .sort((a, b) => String(b.sk).localeCompare(String(a.sk)))
      .map((item) => parseRecord(ActivitySchema, item, 'activity')),
  };
};

/**
 * One factory per port, so that each function's bundle holds only the access it uses: the reject's, the review
 * queue's, the bulk reject's.
 */
export const createReferralStore = (client: DynamoDBDocumentClient, tables: Tables): ReferralStore => ({
  async loadReviewState(attributionId) {
    const { attribution, rewards } = await readPartition(client, tables, attributionId);
    return { attribution, rewards };
  },
  async commitDecision(write, budget) {
    const outcome = await transactWrite(client, buildDecisionTransaction(tables, write), {
      identity: `${write.activity.action}#${write.charge.usage.request_id}#${write.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readCancellation(outcome.reasons) };
  },
});

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

export const createBulkReferralStore = (client: DynamoDBDocumentClient, tables: Tables): BulkReferralStore => ({
  async loadAttributions(ids, deadline) {
    const found = new Map<string, StoredReferral>();
    // Keys left unread are named, never taken for missing: each answers as a retryable failure of its own.
    const { items, unread } = await settledBatchRead(
      batchGetConsistent(client, tables.referrals, ids.map(attributionItemKey), { deadline }),
    );
    for (const item of items) {
      const attribution = parseRecord(StoredAttributionSchema, item, 'attribution');
      const decidedUnder = item[DECIDED_UNDER];
      found.set(attribution.id, { attribution, ...(typeof decidedUnder === 'string' ? { decidedUnder } : {}) });
    }
    return { referrals: found, unread: new Set(unread.map((key) => String(key.pk))) };
  },
  async commitItemDecision(write, budget) {
    const outcome = await transactWrite(client, buildBulkItemTransaction(tables, write), {
      identity: `bulk-item#${write.usage.request_id}#${write.attributionId}`,
      budget,
    });
    if (outcome.committed) return outcome;
    const attribution = outcome.reasons[ATTRIBUTION_ITEM];
    if (!conditionFailed(attribution)) return { committed: false, cancellation: 'contention' };
    return attribution?.Item
      ? { committed: false, cancellation: 'attribution_status', status: String(unmarshall(attribution.Item).status) }
      : { committed: false, cancellation: 'attribution_missing' };
  },
});
