// DynamoDB access for metering: the atomic per-minute request counter and the reads that precede a charge.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyRecord } from '../referrals/idempotency.js';
import { idempotencyKey, monthKey, rateKey } from './usage-keys.js';

export type RequestCount = { admitted: boolean; used: number };

export type UsageStore = {
  /** Counts one request in the window unless the window is full; one conditional update, never read-then-write. */
  countRequest(userId: string, window: string, limit: number, expiresAt: number): Promise<RequestCount>;
  readMonthCredits(userId: string, window: string): Promise<number>;
  readIdempotencyRecord(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
};

export const createUsageStore = (client: DynamoDBDocumentClient, tables: { usage: string }): UsageStore => ({
  async countRequest(userId, window, limit, expiresAt) {
    try {
      const result = await client.send(
        new UpdateCommand({
          TableName: tables.usage,
          Key: rateKey(userId, window),
          UpdateExpression: 'ADD hits :one SET expires_at = :expires_at',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires_at': expiresAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { admitted: true, used: Number(result.Attributes?.hits ?? limit) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { admitted: false, used: limit };
      throw error;
    }
  },

  async readMonthCredits(userId, window) {
    const result = await client.send(
      new GetCommand({ TableName: tables.usage, Key: monthKey(userId, window), ConsistentRead: true }),
    );
    return Number(result.Item?.credits ?? 0);
  },

  async readIdempotencyRecord(userId, key) {
    const result = await client.send(
      new GetCommand({ TableName: tables.usage, Key: idempotencyKey(userId, key), ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = result.Item;
    return record as IdempotencyRecord;
  },
});
