// Looks up an API key record by the hash of the key; the raw key never leaves the authorizer.
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { ApiKeyRecordSchema } from '../auth/api-key.js';
import type { ApiKeyStore } from '../auth/ports.js';
import { callDynamo } from './dynamodb-errors.js';

export const createApiKeyStore = (client: DynamoDBDocumentClient, tables: { apiKeys: string }): ApiKeyStore => ({
  async findByHash(keyHash) {
    const result = await callDynamo(() => client.send(new GetCommand({ TableName: tables.apiKeys, Key: { key_hash: keyHash } })));
    if (!result.Item) return undefined;
    const record = v.safeParse(ApiKeyRecordSchema, result.Item);
    // A malformed record admits no one.
    return record.success ? record.output : undefined;
  },
});
