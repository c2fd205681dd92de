// Writes attributions, rewards and API keys in the stored layout, and empties a table for a fresh seed; used by the
// local API's seed loader, `npm run seed`, the benchmark and the tests, none of which writes a table key itself.

import { BatchWriteCommand, type DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type ApiKeyRecord, hashApiKey } from '../auth/api-key.js';
import type { Permission, Role } from '../auth/permissions.js';
import type { Attribution, Reward } from '../referrals/attribution.js';
import { mapWithConcurrency } from '../shared/concurrency.js';
import type { PlanName } from '../shared/plan-names.js';
import { attributionItem, rewardItemKey } from './referrals-table.js';

export type ApiKeySeed = {
  key: string;
  userId: string;
  plan: PlanName;
  admin: boolean;
  overage?: boolean;
  status?: 'active' | 'revoked';
  keyId?: string;
  /** What it may do, as `npm run keys -- create` takes it: a role or a list of permissions; neither, everything. */
  role?: Role;
  permissions?: Permission[];
};

/** The tables a seed writes: referrals (attributions and rewards) and API keys. */
export type SeedTables = { referrals: string; apiKeys: string };

/** BatchWriteItem takes at most 25 puts or deletes a request. */
const BATCH_SIZE = 25;
/** Batches in flight at once: a busy machine's DynamoDB Local is not handed hundreds of requests together. */
const BATCHES_AT_ONCE = 4;
/** Resends of the items a batch left unprocessed (DynamoDB's throttling answer), with backoff. */
const UNPROCESSED_RESENDS = 8;

export type SeedItem = { table: string; item: Record<string, unknown> };

/** An API key as stored: by its hash only, as real keys are. */
const apiKeyRecord = (seed: ApiKeySeed): ApiKeyRecord => {
  const keyHash = hashApiKey(seed.key);
  return {
    key_hash: keyHash,
    key_id: seed.keyId ?? `key_${keyHash.slice(0, 12)}`,
    user_id: seed.userId,
    plan: seed.plan,
    admin: seed.admin,
    overage: seed.overage ?? false,
    status: seed.status ?? 'active',
    created_at: new Date().toISOString(),
    ...(seed.role === undefined ? {} : { role: seed.role }),
    ...(seed.permissions === undefined ? {} : { permissions: seed.permissions }),
  };
};

export const createSeedWriter = (client: DynamoDBDocumentClient, tables: SeedTables) => {
  const items = {
    attribution: (attribution: Attribution): SeedItem => ({ table: tables.referrals, item: attributionItem(attribution) }),
    reward: (reward: Reward): SeedItem => ({
      table: tables.referrals,
      item: { ...rewardItemKey(reward.attribution_id, reward.id), ...reward },
    }),
    apiKey: (seed: ApiKeySeed): SeedItem => ({ table: tables.apiKeys, item: apiKeyRecord(seed) }),
  };

  /** Puts one batch, resending what DynamoDB left unprocessed. */
  const putBatch = async (batch: SeedItem[]) => {
    let requestItems: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {};
    for (const { table, item } of batch) requestItems[table] = [...(requestItems[table] ?? []), { PutRequest: { Item: item } }];
    for (let attempt = 0; Object.keys(requestItems).length > 0; attempt++) {
      if (attempt > UNPROCESSED_RESENDS) throw new Error('DynamoDB left seed items unprocessed after every resend');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchWriteCommand({ RequestItems: requestItems }));
      requestItems = (result.UnprocessedItems ?? {}) as typeof requestItems;
    }
  };

  return {
    items,
    putAttribution: (attribution: Attribution) =>
      client.send(new PutCommand({ TableName: tables.referrals, Item: items.attribution(attribution).item })),

    putReward: (reward: Reward) => client.send(new PutCommand({ TableName: tables.referrals, Item: items.reward(reward).item })),

    putApiKey: (seed: ApiKeySeed) => {
      const { item } = items.apiKey(seed);
      return client.send(new PutCommand({ TableName: tables.apiKeys, Item: item })).then(() => item as ApiKeyRecord);
    },

    /** Puts many items, 25 a batch and a few batches at a time, whatever their number. */
    putAll: async (all: SeedItem[]) => {
      const batches: SeedItem[][] = [];
      for (let index = 0; index < all.length; index += BATCH_SIZE) batches.push(all.slice(index, index + BATCH_SIZE));
      await mapWithConcurrency(batches, BATCHES_AT_ONCE, putBatch);
    },
  };
};

export type SeedWriter = ReturnType<typeof createSeedWriter>;

/** Deletes every item of a table, page by page, 25 keys a batch; returns how many it deleted. */
export const emptyTable = async (client: DynamoDBDocumentClient, table: string, keyNames: string[]): Promise<number> => {
  let deleted = 0;
  for (;;) {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: keyNames.map((_, i) => `#k${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(keyNames.map((name, i) => [`#k${i}`, name])),
      }),
    );
    const items = page.Items ?? [];
    for (let index = 0; index < items.length; index += BATCH_SIZE) {
      const batch = items.slice(index, index + BATCH_SIZE).map((item) => ({ DeleteRequest: { Key: item } }));
      await client.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
    }
    deleted += items.length;
    if (!page.LastEvaluatedKey) return deleted;
  }
};
