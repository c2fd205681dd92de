// Writes attributions, rewards and API keys in the stored layout; used by the local API's seed loader and the tests.
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { attributionItem, rewardItemKey } from '../functions/adapters/referral-keys.js';
import { type ApiKeyRecord, hashApiKey } from '../functions/auth/api-key.js';
import type { Attribution, Reward } from '../functions/referrals/attribution.js';
import type { PlanName } from '../functions/shared/plan-names.js';
import type { TableNames } from './dynamodb-local.js';

export type ApiKeySeed = {
  key: string;
  userId: string;
  plan: PlanName;
  admin: boolean;
  overage?: boolean;
  status?: 'active' | 'revoked';
  keyId?: string;
};

export const createSeedWriter = (client: DynamoDBDocumentClient, tables: TableNames) => ({
  putAttribution: (attribution: Attribution) =>
    client.send(new PutCommand({ TableName: tables.referrals, Item: attributionItem(attribution) })),

  putReward: (reward: Reward) =>
    client.send(new PutCommand({ TableName: tables.referrals, Item: { ...rewardItemKey(reward.attribution_id, reward.id), ...reward } })),

  /** Stores the key only as its hash, as real keys are. */
  putApiKey: (seed: ApiKeySeed) => {
    const keyHash = hashApiKey(seed.key);
    const record: ApiKeyRecord = {
      key_hash: keyHash,
      key_id: seed.keyId ?? `key_${keyHash.slice(0, 12)}`,
      user_id: seed.userId,
      plan: seed.plan,
      admin: seed.admin,
      overage: seed.overage ?? false,
      status: seed.status ?? 'active',
      created_at: new Date().toISOString(),
    };
    return client.send(new PutCommand({ TableName: tables.apiKeys, Item: record })).then(() => record);
  },
});

export type SeedWriter = ReturnType<typeof createSeedWriter>;
