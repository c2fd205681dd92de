// The outcomes of a bulk decision's ids, in the result's own words, and what the first read already answers of them.
import { IDEMPOTENCY_TTL_SECONDS } from '../idempotency/record.js';
import type { Attribution } from './attribution.js';
import { type StoredClaim, shownClaim } from './claims.js';
import { type Decision, REVIEWABLE_STATUS } from './decision.js';
import type { BulkRead, StoredReferral } from './ports.js';

/** Why a referral of a bulk request was surely not decided: contention, a dependency (its read or its write), or no time left to start it. */
export type BulkFailure = 'concurrent_update' | 'dependency_unavailable';

/** One id's outcome, in the result's own words (the documented schema: http/bulk-result.ts); decided ones by the decision's outcome. */
export type BulkOutcome<Decided extends string = Decision['outcome']> =
  | { id: string; outcome: Decided; attribution: Attribution }
  | { id: string; outcome: 'not_found'; error: { type: 'not_found' } }
  | { id: string; outcome: 'conflict'; error: { type: 'conflict'; context: { status: string } } }
  | { id: string; outcome: 'claimed'; error: { type: 'claimed'; context: { claimed_by: string; claimed_until: string } } }
  | { id: string; outcome: 'failed'; error: { type: BulkFailure; retryable: true } }
  | { id: string; outcome: 'unknown'; error: { type: 'dependency_unavailable'; retryable: true } };

/** The outcomes of ids not decided. */
export const UNDECIDED_OUTCOMES = ['not_found', 'conflict', 'claimed', 'failed', 'unknown'] as const;

export type BulkResult<Decided extends string = Decision['outcome']> = {
  results: BulkOutcome<Decided>[];
  /** How many ids had each outcome, by the outcome's name. */
  counts: Record<Decided | (typeof UNDECIDED_OUTCOMES)[number], number>;
};

/** Someone else held a live claim on it at the write: not decided, not charged. */
export const claimedOutcome = (id: string, claim: StoredClaim): BulkOutcome => {
  const shown = shownClaim(claim);
  return { id, outcome: 'claimed', error: { type: 'claimed', context: { claimed_by: shown.by, claimed_until: shown.until } } };
};

export const failedOutcome = (id: string, type: BulkFailure): BulkOutcome => ({ id, outcome: 'failed', error: { type, retryable: true } });
export const unknownOutcome = (id: string): BulkOutcome => ({
  id,
  outcome: 'unknown',
  error: { type: 'dependency_unavailable', retryable: true },
});

export const countOutcomes = (decision: Decision, results: BulkOutcome[]): BulkResult => {
  const counts = Object.fromEntries(
    [decision.outcome, ...UNDECIDED_OUTCOMES].map((outcome) => [outcome, results.filter((result) => result.outcome === outcome).length]),
  ) as BulkResult['counts'];
  return { results, counts };
};

/**
 * Whether this very keyed request already decided the referral, in an earlier run whose stored answer was lost or
 * never written: its mark, the decision's status, and a decision no older than the key's record would live.
 */
const decidedByThisRequest = (decision: Decision, stored: StoredReferral, mark: string | undefined, now: Date): boolean => {
  const { attribution, decidedUnder } = stored;
  if (mark === undefined || decidedUnder !== mark || attribution.status !== decision.status) return false;
  return Date.parse(attribution.reviewed_at ?? '') + IDEMPOTENCY_TTL_SECONDS * 1000 > now.getTime();
};

/**
 * Step 2: the ids the read already answers (left unread, not found, not held for review, decided by an earlier run of
 * this keyed request), and the candidates to decide.
 */
export const triage = (decision: Decision, ids: string[], read: BulkRead, mark: string | undefined, now: Date) => {
  const outcomes = new Map<string, BulkOutcome>();
  const candidates: Attribution[] = [];
  for (const id of ids) {
    const stored = read.referrals.get(id);
    const attribution = stored?.attribution;
    // Not read is not missing: the id is surely untouched, and a resend may read it.
    if (read.unread.has(id)) outcomes.set(id, failedOutcome(id, 'dependency_unavailable'));
    else if (!stored || !attribution) outcomes.set(id, { id, outcome: 'not_found', error: { type: 'not_found' } });
    else if (attribution.status === REVIEWABLE_STATUS) candidates.push(attribution);
    else if (decidedByThisRequest(decision, stored, mark, now)) outcomes.set(id, { id, outcome: decision.outcome, attribution });
    else outcomes.set(id, { id, outcome: 'conflict', error: { type: 'conflict', context: { status: attribution.status } } });
  }
  return { outcomes, candidates };
};
