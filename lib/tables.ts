// Table key schemas and indexes: the one definition shared by the CDK stack and the local DynamoDB runner.
import { OPEN_RESERVATIONS_INDEX } from '../functions/adapters/usage-keys.js';

export type KeyAttribute = { readonly name: string; readonly type: 'S' | 'N' };

export type IndexDefinition = {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** KEYS_ONLY projects the table's keys and the index's; ALL projects every attribute. */
  readonly projection: 'KEYS_ONLY' | 'ALL';
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
      // Only attribution items carry both keys (the index is sparse); a status change moves an item between queues.
      'by-status': { partitionKey: { name: 'status', type: 'S' }, sortKey: { name: 'queue_order', type: 'S' }, projection: 'ALL' },
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
