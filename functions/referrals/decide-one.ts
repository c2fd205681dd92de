// A reviewer's decision on one referral, reject or approve: one parallel read, the decision's rule, and one transaction
// holding the change, its activity item, its charge and its idempotency record.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { type ChargeAttempt, chargeSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { Price } from '../billing/usage-record.js';
import type { IdempotencyStore } from '../idempotency/ports.js';
import { buildIdempotencyRecord, fingerprintOf, isLive, replayStoredResult, type SuccessResult } from '../idempotency/record.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { decisionActivity } from './activity.js';
import type { Attribution, ReviewResponse } from './attribution.js';
import { answerCancellation } from './cancellation.js';
import { type Decision, decide, decisionChanges, REJECT, REVIEWABLE_STATUS } from './decision.js';
import { NotAwaitingReview } from './errors.js';
import type { DecisionCommit, ReferralStore } from './ports.js';

export type DecisionDeps = {
  referrals: ReferralStore;
  idempotency: IdempotencyStore;
  plans: PlanTable;
  now: () => Date;
};

/** A decision as the route hands it over: the referral, the admin's reason, and the Idempotency-Key when one was sent. */
export type DecisionRequest = {
  attributionId: string;
  reason?: string;
  /** One of the decision's reason codes, when the caller gave one. */
  reasonCode?: string;
  idempotencyKey?: string;
};

export type DecisionCall = {
  /** Which decision: the status it sets, the action it records, the event it announces. */
  decision: Decision;
  request: DecisionRequest;
  /** What a success costs, as the route prices it. */
  price: Price;
  principal: Principal;
  requestId: string;
  /** The metering round started before the handler; resolves once the request is admitted, rejects with LimitReached when not. */
  admission: Promise<Admission>;
  /** How long the transaction may resend to learn its outcome when an answer is lost. */
  budget: WriteBudget;
};

/** A decision, or the replay of the first one made with the same idempotency key, and the credits this request charged. */
export type DecisionResult = SuccessResult<ReviewResponse> & { replayed: boolean; creditsCharged: number };

/**
 * Two keyed requests are the same when they make the same decision on the same referral with the same reason. A
 * reject's fingerprint is the one it always had, so that the keys of rejects sent before approvals existed still replay.
 */
export const decisionFingerprint = (decision: Decision, request: DecisionRequest): string =>
  fingerprintOf([
    ...(decision.action === REJECT.action ? [] : [decision.action]),
    request.attributionId,
    request.reason ?? null,
    // Only when given: a key stored before reason codes existed still replays.
    ...(request.reasonCode === undefined ? [] : [request.reasonCode]),
  ]);

const replay = (record: Parameters<typeof replayStoredResult>[0], call: DecisionCall): DecisionResult => ({
  ...replayStoredResult<ReviewResponse>(record, decisionFingerprint(call.decision, call.request)),
  replayed: true,
  creditsCharged: 0,
});

export const decideReferral = async (deps: DecisionDeps, call: DecisionCall): Promise<DecisionResult> => {
  const { decision, request, principal, requestId } = call;
  const key = request.idempotencyKey;
  const now = deps.now();
  const [admission, state, stored] = await Promise.all([
    call.admission,
    deps.referrals.loadReviewState(request.attributionId),
    key === undefined ? undefined : deps.idempotency.read(principal.userId, key),
  ]);
  if (isLive(stored, now)) return replay(stored, call);

  const input = { attributionId: request.attributionId, reason: request.reason, reviewer: principal.userId, now };
  let attribution: Attribution;
  try {
    attribution = decide(decision, state.attribution, input);
  } catch (error) {
    // A concurrent request with the same key may have committed between our two parallel reads:
    // the referral read saw its result, the idempotency read did not. Look once more before refusing it as not awaiting review.
    if (key !== undefined && error instanceof NotAwaitingReview) {
      const committed = await deps.idempotency.read(principal.userId, key);
      if (isLive(committed, now)) return replay(committed, call);
    }
    throw error;
  }
  const success: SuccessResult<ReviewResponse> = { requestId, data: { attribution, rewards: state.rewards } };
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId, price: call.price, now };

  const activity = decisionActivity({
    decision,
    before: state.attribution as Attribution,
    after: attribution,
    reason: request.reason,
    reasonCode: request.reasonCode,
    principal,
    requestId,
  });

  return chargeSuccess(chargeRequest, admission.usedThisMonth, async (charge): Promise<ChargeAttempt<DecisionResult>> => {
    const commit: DecisionCommit = await deps.referrals.commitDecision(
      {
        attributionId: request.attributionId,
        expectedStatus: REVIEWABLE_STATUS,
        changes: decisionChanges(decision, input),
        activity,
        charge,
        ...(key === undefined ? {} : { idempotency: buildIdempotencyRecord(key, decisionFingerprint(decision, request), success, now) }),
      },
      call.budget,
    );
    if (commit.committed) return { ok: true, value: { ...success, replayed: false, creditsCharged: call.price.credits } };
    return answerCancellation(commit.cancellation, {
      attributionId: request.attributionId,
      expectedStatus: REVIEWABLE_STATUS,
      keyed: key !== undefined,
      replay: (record) => replay(record, call),
    });
  });
};
