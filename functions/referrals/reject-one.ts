// The reject use case: one parallel read, the reject rule, and one transaction holding the change, its activity item, its charge and its idempotency record.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { type ChargeAttempt, chargeSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { Price } from '../billing/ports.js';
import { RequestInProgress } from '../idempotency/errors.js';
import type { IdempotencyStore } from '../idempotency/ports.js';
import { buildIdempotencyRecord, fingerprintOf, isLive, replayStoredResult, type SuccessResult } from '../idempotency/record.js';
import { Contention } from '../shared/dependency-errors.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { rejectionActivity } from './activity.js';
import type { Attribution, ReviewResponse } from './attribution.js';
import { NotAwaitingReview, ReferralNotFound } from './errors.js';
import type { ReferralStore, RejectCommit } from './ports.js';
import { REJECTABLE_STATUS, rejectAttribution, rejectionChanges } from './transition.js';

export type RejectDeps = {
  referrals: ReferralStore;
  idempotency: IdempotencyStore;
  plans: PlanTable;
  now: () => Date;
};

/** A reject as the route hands it over: the referral, the admin's reason, and the Idempotency-Key when one was sent. */
export type RejectRequest = {
  attributionId: string;
  reason?: string;
  idempotencyKey?: string;
};

export type RejectCall = {
  request: RejectRequest;
  /** What a success costs, as the route prices it. */
  price: Price;
  principal: Principal;
  requestId: string;
  /** The metering round started before the handler; resolves once the request is admitted, rejects with 429 when not. */
  admission: Promise<Admission>;
  /** How long the transaction may resend to learn its outcome when an answer is lost. */
  budget: WriteBudget;
};

export type RejectedReferral = ReviewResponse;

/** A rejection, or the replay of the first one made with the same idempotency key. */
export type RejectResult = SuccessResult<RejectedReferral> & { replayed: boolean };

/** Two keyed requests are the same when they name the same referral with the same reason. */
export const rejectFingerprint = (request: RejectRequest): string => fingerprintOf([request.attributionId, request.reason ?? null]);

const replay = (record: Parameters<typeof replayStoredResult>[0], request: RejectRequest): RejectResult => ({
  ...replayStoredResult<RejectedReferral>(record, rejectFingerprint(request)),
  replayed: true,
});

export const rejectReferral = async (deps: RejectDeps, call: RejectCall): Promise<RejectResult> => {
  const { request, principal, requestId } = call;
  const key = request.idempotencyKey;
  const now = deps.now();
  const [admission, state, stored] = await Promise.all([
    call.admission,
    deps.referrals.loadReviewState(request.attributionId),
    key === undefined ? undefined : deps.idempotency.read(principal.userId, key),
  ]);
  if (isLive(stored, now)) return replay(stored, request);

  const reject = { attributionId: request.attributionId, reason: request.reason, reviewer: principal.userId, now };
  let attribution: Attribution;
  try {
    attribution = rejectAttribution(state.attribution, reject);
  } catch (error) {
    // A concurrent request with the same key may have committed between our two parallel reads:
    // the referral read saw its result, the idempotency read did not. Look once more before answering 409.
    if (key !== undefined && error instanceof NotAwaitingReview) {
      const committed = await deps.idempotency.read(principal.userId, key);
      if (isLive(committed, now)) return replay(committed, request);
    }
    throw error;
  }
  const success: SuccessResult<RejectedReferral> = { requestId, data: { attribution, rewards: state.rewards } };
  const input = {
    principal,
    plan: deps.plans[principal.plan],
    requestId,
    endpoint: call.price.endpoint,
    statusCode: 200,
    credits: call.price.credits,
    now,
  };

  const activity = rejectionActivity({
    before: state.attribution as Attribution,
    after: attribution,
    reason: request.reason,
    principal,
    requestId,
  });

  return chargeSuccess(input, admission.usedThisMonth, async (charge): Promise<ChargeAttempt<RejectResult>> => {
    const commit: RejectCommit = await deps.referrals.commitRejection(
      {
        attributionId: request.attributionId,
        expectedStatus: REJECTABLE_STATUS,
        changes: rejectionChanges(reject),
        activity,
        charge,
        ...(key === undefined ? {} : { idempotency: buildIdempotencyRecord(key, rejectFingerprint(request), success, now) }),
      },
      call.budget,
    );
    if (commit.committed) return { ok: true, value: { ...success, replayed: false } };
    const cancellation = commit.cancellation;
    switch (cancellation.kind) {
      case 'idempotency_replay':
        return { ok: true, value: replay(cancellation.record, request) };
      case 'attribution_missing':
        throw new ReferralNotFound(request.attributionId);
      case 'attribution_status':
        throw new NotAwaitingReview(request.attributionId, cancellation.status, REJECTABLE_STATUS);
      case 'daily_cap':
      case 'included_credits':
        return { ok: false, refusal: cancellation.kind };
      case 'contention':
        throw key === undefined ? new Contention() : new RequestInProgress();
    }
  });
};
