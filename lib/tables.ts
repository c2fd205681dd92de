// Table key schemas and indexes: the one definition shared by the CDK stack and the local DynamoDB runner.
import { QUEUE_INDEX, QUEUE_KEY, QUEUE_ORDER, STATUS_INDEX } from '../functions/adapters/referrals-table.js';
import { OPEN_RESERVATIONS_INDEX } from '../functions/adapters/usage-table.js';

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
      // moves the item from one status's shard to the other's. The list returns every field of an attribution, so
      // the index projects ALL: an attribution item holds only those fields and its keys, so ALL costs what a list
      // of every field costs (npm run capacity), stays within DynamoDB's limit of 20 projected attributes, and
      // never changes when a field is added (CloudFormation cannot change a projection in place).
      [QUEUE_INDEX]: { partitionKey: { name: QUEUE_KEY, type: 'S' }, sortKey: { name: QUEUE_ORDER, type: 'S' }, projection: 'ALL' },
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

/**
 * The index the review queue was read through before `review-queue`: every attribution by status, in queue order.
 * A table deployed with it moves to `review-queue` one index change per deployment, through the committed
 * `statusIndex` setting (docs/architecture.md, "Moving a deployed table to the new index"):
 * - `read`: by-status is kept beside review-queue, and the list reads by-status;
 * - `kept`: by-status is kept, and the list reads review-queue;
 * - unset: by-status is deleted.
 */
export const STATUS_INDEX_STEPS = ['read', 'kept'] as const;
export type StatusIndexStep = (typeof STATUS_INDEX_STEPS)[number];
const statusIndex: IndexDefinition = {
  partitionKey: { name: 'status', type: 'S' },
  sortKey: { name: QUEUE_ORDER, type: 'S' },
  projection: 'ALL',
};

/** The tables as a stage deploys them at a step of the switch away from by-status (none: the switch is done). */
export const tablesAt = (step?: StatusIndexStep): Record<TableKey, TableDefinition> =>
  step === undefined
    ? tableDefinitions
    : {
        ...tableDefinitions,
        referrals: {
          ...tableDefinitions.referrals,
          globalSecondaryIndexes: { ...tableDefinitions.referrals.globalSecondaryIndexes, [STATUS_INDEX]: statusIndex },
        },
      };

/** Environment variable through which each table's name reaches the functions. */
export const tableEnvironment: Record<TableKey, string> = {
  referrals: 'REFERRALS_TABLE',
  apiKeys: 'API_KEYS_TABLE',
  usage: 'USAGE_TABLE',
};

export const KEY_ID_INDEX = 'by-key-id';
