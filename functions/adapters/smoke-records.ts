// What `npm run smoke -- --write` puts, reads and cleans up in a stage's tables: a held referral under an id never
// used, that referral's items after the reject, and the usage record the reject charged, kept and marked as the smoke test's.
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ITEM_ABSENT } from './conditions.js';
import { queryItems } from './items.js';
import { ATTRIBUTION_SK, attributionItem } from './referrals-table.js';
import { accountKey, USAGE_PREFIX } from './usage-table.js';

type StoredItem = Record<string, unknown>;

export const createSmokeRecords = (client: DynamoDBDocumentClient, tables: { referrals: string; usage: string }) => ({
  /** Puts a referral held for review, as the referral pipeline and the queue indexer would, and never over one that exists. */
  putHeldReferral: async (id: string, createdAt: string): Promise<void> => {
    await client.send(
      new PutCommand({
        TableName: tables.referrals,
        Item: attributionItem({
          id,
          status: 'review_required',
          code: 'SMOKE',
          risk_flags: ['smoke_test'],
          created_at: createdAt,
          held_at: createdAt,
        }),
        ConditionExpression: ITEM_ABSENT,
      }),
    );
  },

  /** Every item stored under the referral (its attribution, and the activity the reject wrote), read consistently. */
  readReferral: async (id: string): Promise<{ attribution: StoredItem | undefined; items: StoredItem[] }> => {
    const items = await queryItems(client, {
      TableName: tables.referrals,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': id },
      ConsistentRead: true,
    });
    return { attribution: items.find((item) => item.sk === ATTRIBUTION_SK), items };
  },

  /** The usage records one request charged to an account, read consistently. */
  readUsageRecords: (userId: string, requestId: string): Promise<StoredItem[]> =>
    queryItems(client, {
      TableName: tables.usage,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'request_id = :request',
      ExpressionAttributeValues: { ':pk': accountKey(userId), ':prefix': USAGE_PREFIX, ':request': requestId },
      ConsistentRead: true,
    }),

  /** Marks usage records as the smoke test's: real billing data, kept, that billing can tell apart. */
  markSmoke: async (records: StoredItem[]): Promise<void> => {
    for (const record of records) {
      await client.send(
        new UpdateCommand({
          TableName: tables.usage,
          Key: { pk: record.pk, sk: record.sk },
          UpdateExpression: 'SET smoke = :yes',
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
    }
  },

  /** Deletes the referral's items, as readReferral returned them. */
  removeReferral: async (items: StoredItem[]): Promise<void> => {
    for (const item of items) await client.send(new DeleteCommand({ TableName: tables.referrals, Key: { pk: item.pk, sk: item.sk } }));
  },
});
