// The floors the request path is measured against, sent with the bare SDK: by definition, what the SDK alone costs.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  activitySortKey,
  attributionItem,
  attributionItemKey,
  QUEUE_KEY,
  queueKey,
  queueShard,
} from '../functions/adapters/referrals-table.js';
import { dayKey, monthKey, rateKey, usageKey } from '../functions/adapters/usage-table.js';

/** The partition that holds the list's floor: the same entries a page of the queue holds, under one key. */
const SINGLE_PARTITION = 'bench-single-partition';

/** The DynamoDB calls of one reject, issued bare: three in parallel (rate, referral, month), then the 5-item transaction. */
export const rejectBare = async (db: DynamoDBDocumentClient, id: string, n: number): Promise<void> => {
  const now = new Date();
  const minute = now.toISOString().slice(0, 16);
  const [, , month] = await Promise.all([
    db.send(
      new UpdateCommand({
        TableName: 'usage',
        Key: rateKey('floor', minute),
        UpdateExpression: 'ADD hits :one SET expires_at = :e',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
        ExpressionAttributeValues: { ':one': 1, ':e': 1, ':limit': 1_000_000 },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
    db.send(
      new QueryCommand({
        TableName: 'referrals',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': id },
        ConsistentRead: true,
      }),
    ),
    db.send(new GetCommand({ TableName: 'usage', Key: monthKey('floor', 'x'), ConsistentRead: true })),
  ]);
  void month;
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: 'referrals',
            Key: attributionItemKey(id),
            // The queue key moves with the status, as in the reject's own write, so the queue stays true to the table.
            UpdateExpression: 'SET #s = :r, reviewed_at = :t, reviewed_by = :b, #k = :k',
            ConditionExpression: '#s = :q',
            ExpressionAttributeNames: { '#s': 'status', '#k': QUEUE_KEY },
            ExpressionAttributeValues: {
              ':r': 'rejected',
              ':t': now.toISOString(),
              ':b': 'bench',
              ':q': 'review_required',
              ':k': queueKey('rejected', queueShard(id)),
            },
          },
        },
        {
          Put: {
            TableName: 'referrals',
            Item: { pk: id, sk: activitySortKey(now.toISOString(), String(n)), action: 'reject', actor: 'bench', at: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: 'usage',
            Item: { ...usageKey('floor', String(n)), credits: 1 },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: 'usage',
            Key: dayKey('floor', 'x'),
            UpdateExpression: 'ADD credits :one SET expires_at = :e',
            ExpressionAttributeValues: { ':one': 1, ':e': 1 },
          },
        },
        {
          Update: {
            TableName: 'usage',
            Key: monthKey('floor', 'x'),
            UpdateExpression: 'ADD credits :one SET expires_at = :e',
            ConditionExpression: 'attribute_not_exists(credits) OR credits <= :room',
            ExpressionAttributeValues: { ':one': 1, ':e': 1, ':room': 10_000_000 },
          },
        },
      ],
    }),
  );
};

/** Puts 100 queued attributions, as stored, under one partition key: the list's floor reads them back. */
export const putSinglePartition = async (db: DynamoDBDocumentClient): Promise<void> => {
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      db.send(
        new PutCommand({
          TableName: 'referrals',
          // The same item a queued attribution is, under one partition key.
          Item: {
            ...attributionItem({ id: `queue-${i}`, status: 'review_required', code: 'BENCH', referrer_user_id: 'u' }),
            pk: SINGLE_PARTITION,
            sk: `q#${String(i).padStart(4, '0')}`,
          },
        }),
      ),
    ),
  );
};

/** One query of the single partition, a page of pageSize entries: how many it read. */
export const querySinglePartition = async (db: DynamoDBDocumentClient, pageSize: number): Promise<number | undefined> => {
  const single = await db.send(
    new QueryCommand({
      TableName: 'referrals',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': SINGLE_PARTITION },
      Limit: pageSize,
    }),
  );
  return single.Items?.length;
};
