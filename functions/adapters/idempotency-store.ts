// Reads idempotency records; they are written inside the transaction of the change they answer for.
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { type IdempotencyRecord, IdempotencyRecordSchema } from '../referrals/idempotency.js';
import type { IdempotencyStore } from '../referrals/ports.js';
import { callDynamo } from './dynamodb-errors.js';
import { withoutKeys } from './items.js';
import { idempotencyKey } from './usage-keys.js';

/** A stored record in the domain's shape; a malformed one is treated as absent rather than replayed. */
export const toIdempotencyRecord = (item: Record<string, unknown>): IdempotencyRecord | undefined => {
  const record = v.safeParse(IdempotencyRecordSchema, withoutKeys(item));
  return record.success ? record.output : undefined;
};

export const createIdempotencyStore = (client: DynamoDBDocumentClient, tables: { usage: string }): IdempotencyStore => ({
  async read(userId, key) {
    const result = await callDynamo(() =>
      client.send(new GetCommand({ TableName: tables.usage, Key: idempotencyKey(userId, key), ConsistentRead: true })),
    );
    return result.Item ? toIdempotencyRecord(result.Item) : undefined;
  },
});
