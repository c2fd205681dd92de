// What the referral use cases need from storage, in the domain's own words; the DynamoDB adapters implement it.

import type { Charge } from '../billing/ports.js';
import type { UsageRecord } from '../billing/usage-record.js';
import type { IdempotencyRecord } from '../idempotency/record.js';
import type { WriteBudget } from '../shared/write-budget.js';
import type { Activity } from './activity.js';
import type { Attribution, AttributionStatus, QueueStatus, Reward } from './attribution.js';
import type { ClaimFilter, StoredClaim } from './claims.js';
import type { DecisionChanges, REVIEWABLE_STATUS } from './decision.js';
import type { Hold } from './hold.js';
import type { Note } from './note-record.js';

/** A decision's write: the attribution change, its activity item, its charge and its idempotency record, all or nothing. */
export type DecisionWritePlan = {
  attributionId: string;
  expectedStatus: AttributionStatus;
  changes: DecisionChanges;
  /** The audit item, written once in the same transaction. */
  activity: Activity;
  charge: Charge;
  idempotency?: IdempotencyRecord;
};

export type ReviewState = { attribution: Attribution | undefined; rewards: Reward[]; claim?: StoredClaim };

/** Why a decision did not commit. */
export type DecisionCancellation =
  | { kind: 'idempotency_replay'; record: IdempotencyRecord }
  | { kind: 'attribution_missing' }
  | { kind: 'attribution_status'; status: string }
  /** Someone else's claim, live at the write. */
  | { kind: 'claimed'; claim: StoredClaim }
  | { kind: 'daily_cap' }
  | { kind: 'included_credits' }
  /** Other requests kept the same items busy past the retries. */
  | { kind: 'contention' };

export type DecisionCommit = { committed: true } | { committed: false; cancellation: DecisionCancellation };

export type ReferralStore = {
  /** The attribution and its rewards, read consistently. */
  loadReviewState(attributionId: string): Promise<ReviewState>;
  /**
   * The status change, its charge and its idempotency record, all or nothing. A lost answer is resolved within the
   * budget; an outcome still unknown then throws WriteOutcomeUnknown.
   */
  commitDecision(plan: DecisionWritePlan, budget: WriteBudget): Promise<DecisionCommit>;
};

/** A place in a status queue: the last item a page returned. */
export type QueuePosition = { order: string; id: string };

/** A referral with everything known of it: its rewards, its audit trail newest first, its notes oldest first, and its claim as stored. */
export type ReferralRecord = { attribution: Attribution; rewards: Reward[]; activity: Activity[]; notes: Note[]; claim?: StoredClaim };

/**
 * One shard's read: each attribution with its place in the queue and its claim as stored, and where the read stopped
 * when more may follow.
 */
export type ShardPage = { entries: { attribution: Attribution; position: QueuePosition; claim?: StoredClaim }[]; last?: QueuePosition };

/** Which claims a shard's read keeps, as the caller sees them at `nowMs` (epoch ms). */
export type ClaimQuery = { filter: ClaimFilter; caller: string; nowMs: number };

export type ReferralReader = {
  /** How many shards the queue index spreads each listed status over. */
  readonly queueShards: number;
  /** One read of one shard of a status's queue, oldest first, after `after` when given. */
  listShard(query: {
    status: QueueStatus;
    shard: number;
    limit: number;
    referrerUserId?: string;
    claimed?: ClaimQuery;
    after?: QueuePosition;
  }): Promise<ShardPage>;
  /** The attribution, its rewards and its activity, read consistently; undefined when there is no such attribution. */
  loadReferral(attributionId: string): Promise<ReferralRecord | undefined>;
};

/** One referral's write in a bulk decision: its status change, its activity item and its own usage record; no account-wide item. */
export type BulkItemWritePlan = {
  attributionId: string;
  expectedStatus: typeof REVIEWABLE_STATUS;
  changes: DecisionChanges;
  activity: Activity;
  userId: string;
  usage: UsageRecord;
  /** The keyed request deciding it (idempotency/record.ts, requestMark), kept on the referral; absent without a key. */
  decidedUnder?: string;
};

/** A referral as a bulk decision reads it: the attribution, and the keyed request that decided it, if one did. */
export type StoredReferral = { attribution: Attribution; decidedUnder?: string };

export type BulkItemCommit =
  | { committed: true }
  | { committed: false; cancellation: 'attribution_missing' | 'contention' }
  | { committed: false; cancellation: 'attribution_status'; status: string }
  | { committed: false; cancellation: 'claimed'; claim: StoredClaim };

/**
 * A bulk decision's read: the referrals found, and the ids DynamoDB left unread (throttled) past every resend. An id in
 * neither does not exist.
 */
export type BulkRead = { referrals: Map<string, StoredReferral>; unread: Set<string> };

export type BulkReferralStore = {
  /** The referrals of these ids, read consistently; no resend of an unread one starts after the deadline (epoch ms). */
  loadAttributions(ids: string[], deadline: number): Promise<BulkRead>;
  /** One referral's transaction; an outcome still unknown at the budget's deadline throws WriteOutcomeUnknown. */
  commitItemDecision(plan: BulkItemWritePlan, budget: WriteBudget): Promise<BulkItemCommit>;
};

/**
 * A claim's write or a release's: the attribution's claim set (until `untilMs`) or removed, under the condition that
 * nobody else holds a live one at `nowMs` (a forced release: that `forced.holder` still does), with the charge, the
 * idempotency record and, for a forced release, its activity item, all or nothing.
 */
export type ClaimWritePlan = {
  attributionId: string;
  caller: string;
  nowMs: number;
  /** The lease's end (epoch ms); absent for a release. */
  untilMs?: number;
  forced?: { holder: string; activity: Activity };
  charge: Charge;
  idempotency?: IdempotencyRecord;
};

export type ClaimStore = {
  /** The attribution, its rewards and its claim, read consistently. */
  loadReviewState(attributionId: string): Promise<ReviewState>;
  /** One transaction; an outcome still unknown at the budget's deadline throws WriteOutcomeUnknown. */
  commitClaim(plan: ClaimWritePlan, budget: WriteBudget): Promise<DecisionCommit>;
};

/** A claim-next's access: the queue's shards, and a claim taken only if the referral is still free. */
export type ClaimNextStore = Pick<ReferralReader, 'queueShards' | 'listShard'> & {
  /**
   * A place among the callers of the same moment: how many referrals the claim-next calls made in `window` (a time
   * bucket) before this one asked for, so that calls made at once start at different candidates.
   */
  takeTicket(window: string, count: number): Promise<number>;
  /** The referral as the claim left it, or undefined when someone took it (or it left review) first. */
  claimIfFree(
    claim: { attributionId: string; caller: string; nowMs: number; untilMs: number },
    budget: WriteBudget,
  ): Promise<Attribution | undefined>;
  /** Gives back a claim the caller holds (a claim-next refused after its claims). */
  releaseIfHeld(claim: { attributionId: string; caller: string }, budget: WriteBudget): Promise<void>;
};

/** A note's write: the note (on a referral that exists), its charge and its idempotency record, all or nothing. */
export type NoteWritePlan = { attributionId: string; note: Note; charge: Charge; idempotency?: IdempotencyRecord };

export type NoteStore = {
  /** One transaction; an outcome still unknown at the budget's deadline throws WriteOutcomeUnknown. */
  commitNote(plan: NoteWritePlan, budget: WriteBudget): Promise<DecisionCommit>;
};

/**
 * A reopen's write: the attribution back to review (conditioned on the reject it read, `rejectedAt`, being still its
 * last change), its activity item, its charge and its idempotency record, all or nothing.
 */
export type ReopenWritePlan = {
  attributionId: string;
  rejectedAt: string;
  /** The new stay in review: held_at set on the attribution, and its hold recorded, in the same transaction. */
  hold: Hold;
  activity: Activity;
  charge: Charge;
  idempotency?: IdempotencyRecord;
};

export type ReopenStore = Pick<ReferralReader, 'loadReferral'> & {
  commitReopen(plan: ReopenWritePlan, budget: WriteBudget): Promise<DecisionCommit>;
};
