// Looks up an API key record by the hash of the key; the raw key never leaves the authorizer.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { ApiKeyRecordSchema, type ApiKeyRecord } from '../auth/api-key.js';

export type ApiKeyStore = { findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> };

export const createApiKeyStore = (client: DynamoDBDocumentClient, tables: { apiKeys: string }): ApiKeyStore => ({
  async findByHash(keyHash) {
    const result = await client.send(new GetCommand({ TableName: tables.apiKeys, Key: { key_hash: keyHash } }));
    if (!result.Item) return undefined;
    const record = v.safeParse(ApiKeyRecordSchema, result.Item);
    // A malformed record admits no one.
    return record.success ? record.output : undefined;
  },
});
