// Table key schemas and indexes: the one definition shared by the CDK stack and the local DynamoDB runner.
import { QUEUE_INDEX, QUEUE_KEY, QUEUE_ORDER } from '../functions/adapters/referral-keys.js';
import { OPEN_RESERVATIONS_INDEX } from '../functions/adapters/usage-keys.js';
import { AttributionSchema } from '../functions/referrals/attribution.js';

export type KeyAttribute = { readonly name: string; readonly type: 'S' | 'N' };

export type IndexDefinition = {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** KEYS_ONLY projects the table's keys and the index's; ALL every attribute; include those keys and these attributes. */
  readonly projection: 'KEYS_ONLY' | 'ALL' | { readonly include: readonly string[] };
};

export type TableDefinition = {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly timeToLiveAttribute?: string;
  readonly globalSecondaryIndexes?: Readonly<Record<string, IndexDefinition>>;
  /** A DynamoDB stream of new images, read by the event forwarder. */
  readonly stream?: 'NEW_IMAGE';
};

export const tableDefinitions = {
  /** Attributions (sk = "attribution"), their rewards (sk = "reward#<id>") and activity (sk = "activity#<at>#<request id>"). */
  referrals: {
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    stream: 'NEW_IMAGE',
    globalSecondaryIndexes: {
      // Only attributions in a listed status carry queue_key (the index is sparse): a new click, or any other write
      // of the referral pipeline, touches no index. Each status is spread over QUEUE_SHARDS partitions; a reject
      // moves the item from one status's shard to the other's. It projects what the list returns, nothing more.
      [QUEUE_INDEX]: {
        partitionKey: { name: QUEUE_KEY, type: 'S' },
        sortKey: { name: QUEUE_ORDER, type: 'S' },
        projection: { include: Object.keys(AttributionSchema.entries) },
      },
      // Only activity items carry activity_day (sparse): the audit trail of a day in time order, which `npm run events
      // -- replay` reads instead of scanning the table. Rejections are reviewers' work, a few thousand a day at most,
      // far under one partition's 1,000 writes a second.
      'by-activity-day': { partitionKey: { name: 'activity_day', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, projection: 'ALL' },
    },
  },
  /** API keys, stored only by the SHA-256 hash of the key; found by key id for `npm run keys`. */
  apiKeys: {
    partitionKey: { name: 'key_hash', type: 'S' },
    globalSecondaryIndexes: {
      'by-key-id': { partitionKey: { name: 'key_id', type: 'S' }, projection: 'KEYS_ONLY' },
    },
  },
  /** Per-account usage records, metering counters, open credit reservations and idempotency records. */
  usage: {
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    timeToLiveAttribute: 'expires_at',
    globalSecondaryIndexes: {
      // Only open reservations carry reservation_day (sparse): the reconciler finds those a bulk request left open.
      // Each bulk request writes it once and its release deletes it: two index writes per bulk request, a few a second
      // at most, far under one partition's 1,000 writes a second.
      [OPEN_RESERVATIONS_INDEX]: {
        partitionKey: { name: 'reservation_day', type: 'S' },
        sortKey: { name: 'reserved_at', type: 'S' },
        projection: 'KEYS_ONLY',
      },
    },
  },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof tableDefinitions;

/** Environment variable through which each table's name reaches the functions. */
export const tableEnvironment: Record<TableKey, string> = {
  referrals: 'REFERRALS_TABLE',
  apiKeys: 'API_KEYS_TABLE',
  usage: 'USAGE_TABLE',
};

export const KEY_ID_INDEX = 'by-key-id';
