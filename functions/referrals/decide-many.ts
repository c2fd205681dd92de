// A bulk decision, reject or approve: up to 100 referrals in one call, each in its own transaction, their credits
// reserved in one step first.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { creditsExhausted, dailyCapReached } from '../billing/errors.js';
import { includedCreditsFor } from '../billing/included-credits.js';
import { allowsOverage, type PlanTable } from '../billing/plans.js';
import type { CreditReservations } from '../billing/ports.js';
import { includedReferrals, type PlannedReservation, planReservation } from '../billing/reservation.js';
import type { Price } from '../billing/usage-record.js';
import { buildUsageRecord } from '../billing/usage-record.js';
import { IdempotencyKeyReused, RequestInProgress } from '../idempotency/errors.js';
import type { IdempotencyClaim, IdempotencyClaims } from '../idempotency/ports.js';
import {
  buildIdempotencyRecord,
  type IdempotencyRecord,
  replayStoredResult,
  requestMark,
  type SuccessResult,
} from '../idempotency/record.js';
import { mapWithConcurrency } from '../shared/concurrency.js';
import { Contention, WriteOutcomeUnknown } from '../shared/dependency-errors.js';
import { ANSWER_RESERVE_MS, type WriteBudget } from '../shared/write-budget.js';
import { decisionActivity } from './activity.js';
import type { Attribution } from './attribution.js';
import {
  type BulkOutcome,
  type BulkResult,
  claimedOutcome,
  countOutcomes,
  failedOutcome,
  triage,
  unknownOutcome,
} from './bulk-outcomes.js';
import { type BulkDecisionRequest, bulkFingerprint } from './bulk-request.js';
import { type Decision, decide, decisionChanges, REVIEWABLE_STATUS } from './decision.js';
import type { BulkReferralStore } from './ports.js';

export type BulkDeps = {
  referrals: BulkReferralStore;
  meter: CreditReservations;
  idempotency: IdempotencyClaims;
  plans: PlanTable;
  now: () => Date;
  log: { warn(message: string, attributes: Record<string, unknown>): void };
};

export type BulkCall = {
  /** Which decision each referral gets. */
  decision: Decision;
  request: BulkDecisionRequest;
  /** What each decided referral costs, as the route prices it. */
  price: Price;
  principal: Principal;
  requestId: string;
  admission: Promise<Admission>;
  /**
   * When no referral's write may start any more (epoch ms), so that the release and the response still fit the
   * function's time; by default BULK_TIME_RESERVE_MS before the function ends (the budget's deadline is its end less
   * the time to answer).
   */
  deadline?: number;
  /** How long the writes (claim, reservation, each referral, release, completion) may resend to learn a lost answer. */
  budget: WriteBudget;
};

/** How long past the last start a referral's write may go on resending, leaving time for the release and the completion. */
export const BULK_ITEM_RESOLVE_MS = 2_000;

/** Time kept back from the function's remaining time for a write in flight (one SDK request timeout), the release and the answer. */
export const BULK_TIME_RESERVE_MS = 4_000;

/** Per-referral transactions run at most this many at a time, well under the SDK's socket pool. */
export const BULK_CONCURRENCY = 16;

/** The answer, whether it replays a stored one, and the credits this request charged (none for a replay or a recognised decision). */
type BulkReply = SuccessResult<BulkResult> & { replayed: boolean; creditsCharged: number };
type ClaimHolder = { userId: string; key: string; claimId: string };
type Planned = PlannedReservation;

/**
 * Step 1, one parallel round: the admission, the referrals, and the key's claim. A refused or failed round gives the
 * claim back, so that a retry is not held up for the lease.
 */
const readAndClaim = async (deps: BulkDeps, call: BulkCall, claimKey: ClaimHolder | undefined, fingerprint: string, now: Date) =>
  Promise.all([
    call.admission,
    deps.referrals.loadAttributions(call.request.ids, call.deadline ?? call.budget.deadline),
    claimKey ? deps.idempotency.claim({ ...claimKey, fingerprint, now }, call.budget) : undefined,
  ]).catch(async (error) => {
    if (claimKey) await deps.idempotency.abandon(claimKey, call.budget).catch(() => undefined);
    throw error;
  });

/** A claim someone else holds or completed: the replay of the first response, or why this request must wait. */
const answerHeldClaim = (claim: IdempotencyClaim, fingerprint: string): BulkReply | undefined => {
  if (claim.kind === 'completed')
    return { ...replayStoredResult<BulkResult>(claim.record, fingerprint), replayed: true, creditsCharged: 0 };
  if (claim.kind === 'in_progress') {
    if (claim.fingerprint !== fingerprint) {
      throw new IdempotencyKeyReused(new Date(claim.expiresAt * 1000));
    }
    throw new RequestInProgress();
  }
  return undefined;
};

/** Reservations planned for one request: the first, and again after other requests took included credits meanwhile. */
const RESERVATION_PLANS = 3;

/**
 * Step 3: the candidates' credits, reserved in one step. An outcome left unknown fails the request, and nothing is
 * given back: the counters may over-count, never under-count. Where the plan bills overage, a refusal on the included
 * credits means other requests took some since the read: the month is read again and the split planned anew (the
 * one extra round trip, on that path only).
 */
const reserveCredits = async (deps: BulkDeps, call: BulkCall, candidates: number, usedThisMonth: number, now: Date): Promise<Planned> => {
  const plan = deps.plans[call.principal.plan];
  let used = usedThisMonth;
  for (let attempt = 1; ; attempt++) {
    const planned = planReservation({
      principal: call.principal,
      plans: deps.plans,
      usedThisMonth: used,
      credits: candidates * call.price.credits,
      now,
      requestId: call.requestId,
    });
    const reserved = await deps.meter.reserve(planned.reservation, call.budget);
    if (reserved.reserved) return planned;
    if (reserved.refusal === 'daily_cap') throw dailyCapReached(plan, now);
    if (reserved.refusal === 'contention' || attempt >= RESERVATION_PLANS) throw new Contention();
    if (!allowsOverage(plan, call.principal.overageEnabled)) throw creditsExhausted(plan, now);
    used = await deps.meter.readMonthCredits(call.principal.userId, planned.reservation.month.window);
  }
};

/** Step 4: each candidate in its own transaction, by the single decision's rule, at most BULK_CONCURRENCY at a time. */
const decideEach = (
  deps: BulkDeps,
  call: BulkCall,
  work: { candidates: Attribution[]; planned: Planned; mark: string | undefined },
  now: Date,
): Promise<BulkOutcome[]> => {
  const { candidates, planned, mark } = work;
  const { decision, request, principal, requestId } = call;
  const itemBudget = {
    ...call.budget,
    deadline: Math.min(call.budget.deadline, (call.deadline ?? Number.POSITIVE_INFINITY) + BULK_ITEM_RESOLVE_MS),
  };
  const included = includedCreditsFor(includedReferrals(planned, call.price.credits));
  const pastDeadline = () => call.deadline !== undefined && deps.now().getTime() >= call.deadline;
  const decideItem = async (before: Attribution, overage: boolean): Promise<BulkOutcome> => {
    const input = { attributionId: before.id, reason: request.reason, reviewer: principal.userId, now };
    const after = decide(decision, before, input);
    try {
      const commit = await deps.referrals.commitItemDecision(
        {
          attributionId: before.id,
          expectedStatus: REVIEWABLE_STATUS,
          changes: decisionChanges(decision, input),
          activity: decisionActivity({
            decision,
            before,
            after,
            reason: request.reason,
            reasonCode: request.reasonCode,
            principal,
            requestId,
          }),
          userId: principal.userId,
          ...(mark === undefined ? {} : { decidedUnder: mark }),
          usage: {
            ...buildUsageRecord({
              requestId,
              principal,
              price: call.price,
              overage,
              now,
            }),
            attribution_id: before.id,
          },
        },
        itemBudget,
      );
      if (commit.committed) return { id: before.id, outcome: decision.outcome, attribution: after };
      if (commit.cancellation === 'attribution_missing') return { id: before.id, outcome: 'not_found', error: { type: 'not_found' } };
      if (commit.cancellation === 'attribution_status') {
        return { id: before.id, outcome: 'conflict', error: { type: 'conflict', context: { status: commit.status } } };
      }
      if (commit.cancellation === 'claimed') return claimedOutcome(before.id, commit.claim);
      return failedOutcome(before.id, 'concurrent_update');
    } catch (error) {
      // Neither decided nor untouched: its credit stays spent, and it is not reported as failed.
      if (error instanceof WriteOutcomeUnknown) return unknownOutcome(before.id);
      deps.log.warn(`a referral of a bulk ${decision.action} failed`, {
        attribution_id: before.id,
        error_name: (error as Error).name,
      });
      return failedOutcome(before.id, error instanceof Contention ? 'concurrent_update' : 'dependency_unavailable');
    }
  };
  return mapWithConcurrency(candidates, BULK_CONCURRENCY, async (before): Promise<BulkOutcome> => {
    // Past the deadline the rest is left untouched, answered as retryable, and its credits released.
    if (pastDeadline()) return failedOutcome(before.id, 'dependency_unavailable');
    const share = await included.take();
    // Waiting for an included credit (only in a request that crosses them) may end past the deadline.
    const outcome = pastDeadline() ? failedOutcome(before.id, 'dependency_unavailable') : await decideItem(before, share.overage);
    // A referral decided, or perhaps decided (unknown), keeps its included credit; any other hands it on.
    share.settle(outcome.outcome === decision.outcome || outcome.outcome === 'unknown');
    return outcome;
  });
};

/**
 * Step 5, one parallel round: the reservation closed with its unused credits given back, and the result stored in
 * place of the key's claim. While a referral's outcome is unknown the reservation stays open for those credits: the
 * reconciler closes it later from the usage records, which by then say exactly which referrals were charged.
 */
const settle = async (
  deps: BulkDeps,
  call: BulkCall,
  settlement: {
    planned: Planned | undefined;
    unused: number;
    unknown: number;
    claimKey: ClaimHolder | undefined;
    record: () => IdempotencyRecord;
  },
) => {
  const { planned, unused, claimKey } = settlement;
  const release = async (reserved: Planned) => {
    // With referrals whose outcome is unknown, only the certainly unused credits go back; the rest stays reserved.
    const close = settlement.unknown === 0;
    if (!close) deps.log.warn('reservation left open for the reconciler', { unknown: settlement.unknown });
    if (!close && unused === 0) return;
    await deps.meter.release(reserved.reservation, unused * call.price.credits, call.budget, { close }).catch((error) =>
      // The reservation stays open: the counters over-count until the reconciler closes it, never under-count.
      deps.log.warn('unused reserved credits were not released', {
        credits: unused * call.price.credits,
        error_name: (error as Error).name,
      }),
    );
  };
  const complete = async (holder: ClaimHolder) => {
    try {
      await deps.idempotency.complete({ ...holder, record: settlement.record() }, call.budget);
    } catch (error) {
      // Every referral's outcome is known and is answered all the same: only the stored answer is in doubt. Giving
      // the key back is harmless if the record landed (the abandon then finds no claim) and lets a retry rerun at
      // once if it did not; that rerun recognises this request's decisions by their mark (triage).
      deps.log.warn('the answer was not stored under its idempotency key; a retry recognises its decisions', {
        error_name: (error as Error).name,
      });
      await deps.idempotency.abandon(holder, call.budget).catch(() => undefined);
    }
  };
  await Promise.all([planned ? release(planned) : undefined, claimKey ? complete(claimKey) : undefined]);
};

export const decideMany = async (deps: BulkDeps, given: BulkCall): Promise<BulkReply> => {
  const call = { ...given, deadline: given.deadline ?? given.budget.deadline + ANSWER_RESERVE_MS - BULK_TIME_RESERVE_MS };
  const { decision, request, principal, requestId } = call;
  const now = deps.now();
  const fingerprint = bulkFingerprint(decision, request);
  const key = request.idempotencyKey;
  const claimKey = key === undefined ? undefined : { userId: principal.userId, key, claimId: requestId };

  const [admission, attributions, claim] = await readAndClaim(deps, call, claimKey, fingerprint, now);
  const held = claim && answerHeldClaim(claim, fingerprint);
  if (held) return held;
  try {
    const mark = key === undefined ? undefined : requestMark(principal.userId, key, fingerprint);
    const { outcomes, candidates } = triage(decision, request.ids, attributions, mark, now);
    const planned = candidates.length > 0 ? await reserveCredits(deps, call, candidates.length, admission.usedThisMonth, now) : undefined;
    const decided = planned ? await decideEach(deps, call, { candidates, planned, mark }, now) : [];
    for (const outcome of decided) outcomes.set(outcome.id, outcome);
    const success: SuccessResult<BulkResult> = {
      requestId,
      data: countOutcomes(
        decision,
        request.ids.map((id) => outcomes.get(id) as BulkOutcome),
      ),
    };
    await settle(deps, call, {
      planned,
      unused: decided.filter((outcome) => outcome.outcome !== decision.outcome && outcome.outcome !== 'unknown').length,
      unknown: decided.filter((outcome) => outcome.outcome === 'unknown').length,
      claimKey,
      record: () => buildIdempotencyRecord(key as string, fingerprint, success, now),
    });
    const decidedNow = decided.filter((outcome) => outcome.outcome === decision.outcome).length;
    return { ...success, replayed: false, creditsCharged: decidedNow * call.price.credits };
  } catch (error) {
    if (claimKey) await deps.idempotency.abandon(claimKey, call.budget).catch(() => undefined);
    throw error;
  }
};
