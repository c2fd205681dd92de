// Claiming one held referral for a while, and releasing a claim: one parallel read, then one transaction holding the
// claim's change, its charge and its idempotency record (and a forced release's activity item). Whether someone
// else's claim stands in the way is the write's to say, by the server's clock.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { chargeSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { Price } from '../billing/usage-record.js';
import type { IdempotencyStore } from '../idempotency/ports.js';
import { buildIdempotencyRecord, fingerprintOf, isLive, replayStoredResult, type SuccessResult } from '../idempotency/record.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { claimReleaseActivity } from './activity.js';
import type { Attribution, Reward } from './attribution.js';
import { answerCancellation } from './cancellation.js';
import { type Claim, LEASE_SECONDS, leaseEnd, liveClaim, shownClaim } from './claims.js';
import { REVIEWABLE_STATUS } from './decision.js';
import { NotAwaitingReview, ReferralNotFound } from './errors.js';
import type { ClaimStore, ClaimWritePlan } from './ports.js';

export type ClaimDeps = { referrals: ClaimStore; idempotency: IdempotencyStore; plans: PlanTable; now: () => Date };

export type ClaimRequest = { attributionId: string; leaseSeconds?: number; idempotencyKey?: string };
export type ReleaseRequest = { attributionId: string; force?: boolean; idempotencyKey?: string };

type ClaimCall<R> = {
  request: R;
  price: Price;
  principal: Principal;
  requestId: string;
  admission: Promise<Admission>;
  budget: WriteBudget;
};

/** The referral with its claim as the request left it (null once released), and the claim again at the top. */
export type ClaimAnswer = { attribution: Attribution; rewards: Reward[]; claim: Claim | null };
export type ClaimResult = SuccessResult<ClaimAnswer> & { replayed: boolean; creditsCharged: number };

/** Two keyed requests are the same when they do the same to the same referral. */
const fingerprint = (action: 'claim' | 'release', request: ClaimRequest & ReleaseRequest) =>
  fingerprintOf([action, request.attributionId, request.leaseSeconds ?? null, request.force ?? false]);

/**
 * The shared steps: the read (admission, the referral and its claim, and the key's record, at once), the change
 * planned from it, and its transaction, charged like any success, replayed by its key.
 */
const changeClaim = async (
  deps: ClaimDeps,
  call: ClaimCall<ClaimRequest & ReleaseRequest>,
  action: 'claim' | 'release',
  plan: (state: { attribution: Attribution; claim: Claim | null; rewards: Reward[]; now: Date }) => {
    answer: ClaimAnswer;
    write: Omit<ClaimWritePlan, 'charge' | 'idempotency' | 'attributionId' | 'caller' | 'nowMs'>;
  },
): Promise<ClaimResult> => {
  const { request, principal, requestId } = call;
  const key = request.idempotencyKey;
  const now = deps.now();
  const print = fingerprint(action, request);
  const replay = (record: Parameters<typeof replayStoredResult>[0]): ClaimResult => ({
    ...replayStoredResult<ClaimAnswer>(record, print),
    replayed: true,
    creditsCharged: 0,
  });
  const [admission, state, stored] = await Promise.all([
    call.admission,
    deps.referrals.loadReviewState(request.attributionId),
    key === undefined ? undefined : deps.idempotency.read(principal.userId, key),
  ]);
  if (isLive(stored, now)) return replay(stored);
  if (!state.attribution) throw new ReferralNotFound(request.attributionId);
  const planned = plan({ attribution: state.attribution, claim: liveClaim(state.claim, now), rewards: state.rewards, now });
  const success: SuccessResult<ClaimAnswer> = { requestId, data: planned.answer };
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId, price: call.price, now };
  return chargeSuccess(chargeRequest, admission.usedThisMonth, async (charge) => {
    const commit = await deps.referrals.commitClaim(
      {
        ...planned.write,
        attributionId: request.attributionId,
        caller: principal.userId,
        nowMs: now.getTime(),
        charge,
        ...(key === undefined ? {} : { idempotency: buildIdempotencyRecord(key, print, success, now) }),
      },
      call.budget,
    );
    if (commit.committed) return { ok: true, value: { ...success, replayed: false, creditsCharged: call.price.credits } };
    return answerCancellation(commit.cancellation, {
      attributionId: request.attributionId,
      expectedStatus: REVIEWABLE_STATUS,
      keyed: key !== undefined,
      replay,
    });
  });
};

/** Claims a held referral for the caller, or renews the caller's claim, for `leaseSeconds` (900 by default). */
export const claimReferral = (deps: ClaimDeps, call: ClaimCall<ClaimRequest>): Promise<ClaimResult> =>
  changeClaim(deps, call, 'claim', ({ attribution, rewards, now }) => {
    if (attribution.status !== REVIEWABLE_STATUS) throw new NotAwaitingReview(attribution.id, attribution.status, REVIEWABLE_STATUS);
    const untilMs = leaseEnd(now, call.request.leaseSeconds ?? LEASE_SECONDS.default);
    const claim = shownClaim({ by: call.principal.userId, untilMs });
    return { answer: { attribution: { ...attribution, claim }, rewards, claim }, write: { untilMs } };
  });

/**
 * Releases the caller's claim (nothing to release is a success too). Another reviewer's live claim is released only
 * with `force`, which the route allows a caller with referrals:override_claim, and the release is then recorded.
 */
export const releaseClaim = (deps: ClaimDeps, call: ClaimCall<ReleaseRequest>): Promise<ClaimResult> =>
  changeClaim(deps, call, 'release', ({ attribution, claim, rewards, now }) => {
    const answer = { attribution: { ...attribution, claim: null }, rewards, claim: null };
    // Without force the write's condition decides, by the server's clock: only the caller's claim, or none, goes.
    if (!call.request.force || !claim || claim.by === call.principal.userId) return { answer, write: {} };
    const activity = claimReleaseActivity({ attribution, released: claim, principal: call.principal, requestId: call.requestId, now });
    return { answer, write: { forced: { holder: claim.by, activity } } };
  });
