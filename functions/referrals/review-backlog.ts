// The review backlog at one moment: how many referrals wait in review_required, and how long the oldest has waited,
// read from every shard of the review queue, for the metrics the review SLA alarm watches.
import { mapWithConcurrency } from '../shared/concurrency.js';
import { heldAgeSeconds } from './hold.js';

/** One shard of the review queue, as one read of it found it. */
export type ShardBacklog = {
  /** Entries in review_required read. */
  held: number;
  /** The earliest hold among them: held_at, or created_at for a referral held before held_at existed. */
  oldestHeldAt: string | undefined;
  /** Entries without held_at (held before it existed, until the migration), counted as held at their created_at. */
  withoutHeldAt: number;
  /** False when the read stopped at its page budget with entries left: the shard's count is then a floor. */
  complete: boolean;
  /** Read capacity units the read consumed, as DynamoDB reported them. */
  readUnits: number;
};

/** What the backlog pass needs from storage: one read of one shard of the review queue. */
export type BacklogReader = { readonly shards: number; readShard(shard: number): Promise<ShardBacklog> };

export type BacklogReport = {
  heldCount: number;
  /** Whole seconds the oldest held referral has waited, at the pass; 0 when none waits. */
  oldestHeldAgeSeconds: number;
  oldestHeldAt: string | undefined;
  withoutHeldAt: number;
  /** Shards whose read stopped at its budget: HeldCount is then a floor. */
  shardsCut: number;
  readUnits: number;
};

/** Shards read side by side: a quarter of the queue at a time, so that a long queue's pages do not all land at once. */
export const BACKLOG_CONCURRENCY = 4;

const earlier = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined ? a : a < b ? a : b);

/** Reads every shard once and sums them: the count of held referrals, and the oldest hold across the shards. */
export const measureBacklog = async (deps: { backlog: BacklogReader; now: () => Date }): Promise<BacklogReport> => {
  const shards = await mapWithConcurrency(
    Array.from({ length: deps.backlog.shards }, (_, shard) => shard),
    BACKLOG_CONCURRENCY,
    (shard) => deps.backlog.readShard(shard),
  );
  const oldestHeldAt = shards.reduce<string | undefined>((oldest, shard) => earlier(oldest, shard.oldestHeldAt), undefined);
  return {
    heldCount: shards.reduce((sum, shard) => sum + shard.held, 0),
    oldestHeldAgeSeconds: oldestHeldAt === undefined ? 0 : heldAgeSeconds(oldestHeldAt, deps.now()),
    oldestHeldAt,
    withoutHeldAt: shards.reduce((sum, shard) => sum + shard.withoutHeldAt, 0),
    shardsCut: shards.filter((shard) => !shard.complete).length,
    readUnits: shards.reduce((sum, shard) => sum + shard.readUnits, 0),
  };
};
