// What the referral use cases need from storage, in the domain's own words; the DynamoDB adapters implement it.
import type { Activity } from './activity.js';
import type { Attribution, AttributionStatus, Reward } from './attribution.js';
import type { IdempotencyRecord } from './idempotency.js';
import type { RejectWritePlan } from './reject-plan.js';

export type ReviewState = { attribution: Attribution | undefined; rewards: Reward[] };

/** Why a reject did not commit. */
export type RejectCancellation =
  | { kind: 'idempotency_replay'; record: IdempotencyRecord }
  | { kind: 'attribution_missing' }
  | { kind: 'attribution_status'; status: string }
  | { kind: 'daily_cap' }
  | { kind: 'included_credits' }
  /** Other requests kept the same items busy past the retries. */
  | { kind: 'contention' };

export type RejectCommit = { committed: true } | { committed: false; cancellation: RejectCancellation };

export type ReferralStore = {
  /** The attribution and its rewards, read consistently. */
  loadReviewState(attributionId: string): Promise<ReviewState>;
  /** The status change, its charge and its idempotency record, all or nothing. */
  commitRejection(write: RejectWritePlan): Promise<RejectCommit>;
};

export type IdempotencyStore = {
  read(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
};

/** A place in a status queue: the last item a page returned. */
export type QueuePosition = { order: string; id: string };

/** A referral with everything known of it: its rewards, and its audit trail newest first. */
export type ReferralRecord = { attribution: Attribution; rewards: Reward[]; activity: Activity[] };

export type ReferralReader = {
  /** One read of the status index, oldest first; `last` is set when more may follow. */
  listByStatus(query: { status: AttributionStatus; limit: number; referrerUserId?: string; after?: QueuePosition }): Promise<{
    attributions: Attribution[];
    last?: QueuePosition;
  }>;
  /** The attribution, its rewards and its activity, read consistently; undefined when there is no such attribution. */
  loadReferral(attributionId: string): Promise<ReferralRecord | undefined>;
};
