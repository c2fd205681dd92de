// Reopening a referral rejected by mistake: back to review_required, into the review queue, with no claim, its
// reviewed_at and reviewed_by cleared from its current state and kept in the trail, within a window after the reject.
// An approved (qualified) referral is never reopened: the pipeline may already have granted its rewards.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { chargeSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { Price } from '../billing/usage-record.js';
import type { IdempotencyStore } from '../idempotency/ports.js';
import { buildIdempotencyRecord, fingerprintOf, isLive, replayStoredResult, type SuccessResult } from '../idempotency/record.js';
import type { WriteBudget } from '../shared/write-budget.js';
import type { Activity } from './activity.js';
import { type Attribution, AttributionSchema, inSchemaOrder, type ReviewResponse } from './attribution.js';
import { answerCancellation } from './cancellation.js';
import { REVIEWABLE_STATUS } from './decision.js';
import { NotAwaitingReview, ReferralNotFound, ReopenWindowClosed } from './errors.js';
import { holdOf } from './hold.js';
import type { ReopenStore } from './ports.js';

/** How long after its reject a referral may be reopened: the one place this is set. */
export const REOPEN_WINDOW_DAYS = 30;
export const REOPEN_REASON_CODES = ['rejected_in_error', 'new_evidence', 'other'] as const;
/** The status a reopen starts from. */
export const REOPENABLE_STATUS = 'rejected' as const;

export type ReopenRequest = { attributionId: string; reason: string; reasonCode?: string; idempotencyKey?: string };
export type ReopenDeps = { referrals: ReopenStore; idempotency: IdempotencyStore; plans: PlanTable; now: () => Date };
export type ReopenCall = {
  request: ReopenRequest;
  price: Price;
  principal: Principal;
  requestId: string;
  admission: Promise<Admission>;
  budget: WriteBudget;
};
export type ReopenResult = SuccessResult<ReviewResponse> & { replayed: boolean; creditsCharged: number };

/** The referral as a reopen leaves it: held for review again since `heldAt`, its review fields gone, nobody holding it. */
const reopened = (current: Attribution, heldAt: string): Attribution => {
  const { reviewed_at: _at, reviewed_by: _by, ...rest } = current;
  return inSchemaOrder({ ...rest, status: REVIEWABLE_STATUS, held_at: heldAt }, AttributionSchema);
};

export const reopenReferral = async (deps: ReopenDeps, call: ReopenCall): Promise<ReopenResult> => {
  const { request, principal, requestId } = call;
  const key = request.idempotencyKey;
  const now = deps.now();
  const fingerprint = fingerprintOf(['reopen', request.attributionId, request.reason, request.reasonCode ?? null]);
  const replay = (record: Parameters<typeof replayStoredResult>[0]): ReopenResult => ({
    ...replayStoredResult<ReviewResponse>(record, fingerprint),
    replayed: true,
    creditsCharged: 0,
  });
  const [admission, record, stored] = await Promise.all([
    call.admission,
    deps.referrals.loadReferral(request.attributionId),
    key === undefined ? undefined : deps.idempotency.read(principal.userId, key),
  ]);
  if (isLive(stored, now)) return replay(stored);
  if (!record) throw new ReferralNotFound(request.attributionId);
  const current = record.attribution;
  if (current.status !== REOPENABLE_STATUS) throw new NotAwaitingReview(current.id, current.status, REOPENABLE_STATUS);
  const rejectedAt = current.reviewed_at ?? '';
  const closesAt = new Date(Date.parse(rejectedAt) + REOPEN_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  if (!(closesAt.getTime() > now.getTime()))
    throw new ReopenWindowClosed(current.id, rejectedAt, Number.isNaN(closesAt.getTime()) ? rejectedAt : closesAt.toISOString());
  const after = reopened(current, now.toISOString());
  // The decision it undoes: the latest reject in the trail (newest first).
  const undone = record.activity.find((item) => item.action === 'reject');
  const activity: Activity = {
    action: 'reopen',
    previous_status: REOPENABLE_STATUS,
    ...(current.review_reason === undefined ? {} : { previous_review_reason: current.review_reason }),
    reason: request.reason,
    ...(request.reasonCode === undefined ? {} : { reason_code: request.reasonCode }),
    actor: principal.userId,
    auth_method: principal.authMethod,
    subject_id: principal.subjectId,
    request_id: requestId,
    at: now.toISOString(),
    attribution: after,
    ...(undone ? { undoes: undone.request_id } : {}),
  };
  const success: SuccessResult<ReviewResponse> = { requestId, data: { attribution: after, rewards: record.rewards } };
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId, price: call.price, now };
  return chargeSuccess(chargeRequest, admission.usedThisMonth, async (charge) => {
    const commit = await deps.referrals.commitReopen(
      {
        attributionId: current.id,
        rejectedAt,
        hold: holdOf(current, now.toISOString()),
        activity,
        charge,
        ...(key === undefined ? {} : { idempotency: buildIdempotencyRecord(key, fingerprint, success, now) }),
      },
      call.budget,
    );
    if (commit.committed) return { ok: true, value: { ...success, replayed: false, creditsCharged: call.price.credits } };
    return answerCancellation(commit.cancellation, {
      attributionId: current.id,
      expectedStatus: REOPENABLE_STATUS,
      keyed: key !== undefined,
      replay,
    });
  });
};
