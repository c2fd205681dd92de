// Claim-next: the oldest held referrals nobody holds, claimed for the caller, up to a count, oldest first. Each claim
// is a conditional write, so concurrent callers never get one referral twice; and so that callers of one moment do
// not all reach for the same oldest few, each starts at its own place among the free ones (a ticket: how many the
// calls of the same two seconds asked for before it). A lone caller starts at the oldest.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
import { chargeAfterSuccess } from '../billing/charge.js';
import type { PlanTable } from '../billing/plans.js';
import type { MeterStore } from '../billing/ports.js';
import type { Price } from '../billing/usage-record.js';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../shared/dependency-errors.js';
import type { WriteBudget } from '../shared/write-budget.js';
import type { Attribution } from './attribution.js';
import { LEASE_SECONDS, leaseEnd, shownClaim } from './claims.js';
import { REVIEWABLE_STATUS } from './decision.js';
import { mergeShardPages, type ShardCursor } from './list-queue.js';
import type { ClaimNextStore } from './ports.js';

export type ClaimNextRequest = { count: number; leaseSeconds?: number; referrerUserId?: string };

/**
 * How many held referrals others hold, before the free ones, a call sees past in one read: each shard reads this
 * many more than `count`. Beyond them a call answers fewer than `count` (docs/api.md).
 */
export const CLAIMED_AHEAD = 200;

/** The moments whose calls share tickets: two seconds. */
export const TICKET_WINDOW_MS = 2_000;

export type ClaimNextDeps = { referrals: ClaimNextStore; meter: MeterStore; plans: PlanTable; now: () => Date };

export type ClaimNextCall = {
  request: ClaimNextRequest;
  price: Price;
  principal: Principal;
  requestId: string;
  /** Awaited before any claim is written: a refused request claims nothing. */
  admission: Promise<Admission>;
  budget: WriteBudget;
};

/** The free held referrals, oldest first, of one read of every shard: the same merge as the list's. */
const readFree = async (deps: ClaimNextDeps, request: ClaimNextRequest, caller: string, now: Date): Promise<Attribution[]> => {
  const start: ShardCursor[] = Array.from({ length: deps.referrals.queueShards }, () => 'start');
  const pages = await Promise.all(
    start.map((_, shard) =>
      deps.referrals.listShard({
        status: REVIEWABLE_STATUS,
        shard,
        limit: request.count + CLAIMED_AHEAD,
        ...(request.referrerUserId ? { referrerUserId: request.referrerUserId } : {}),
        claimed: { filter: 'none', caller, nowMs: now.getTime() },
      }),
    ),
  );
  return mergeShardPages(start, pages, request.count + CLAIMED_AHEAD).attributions;
};

/** The `count` candidates from this caller's place on, the list taken as a ring. */
const windowOf = (candidates: Attribution[], ticket: number, count: number): Attribution[] => {
  const offset = candidates.length === 0 ? 0 : ticket % candidates.length;
  return [...candidates.slice(offset), ...candidates.slice(0, offset)].slice(0, count);
};

/** What one round of claims left: the referrals won, and the errors of the writes that failed. */
type ClaimRound = { won: Attribution[]; errors: unknown[] };

/**
 * Three rounds on the usual path, four at most: the admission, every shard's read and the ticket at once; the
 * claims; the charge, beside a fresh read when some were taken by others meanwhile, then one more try. The charge
 * follows the claims, so that a request whose every claim failed answers its error uncharged. A refused charge gives
 * the claims back.
 */
export const claimNext = async (deps: ClaimNextDeps, call: ClaimNextCall): Promise<{ items: Attribution[]; creditsCharged: number }> => {
  const { request, principal } = call;
  const now = deps.now();
  const caller = principal.userId;
  const untilMs = leaseEnd(now, request.leaseSeconds ?? LEASE_SECONDS.default);
  const window = String(Math.floor(now.getTime() / TICKET_WINDOW_MS));
  const [admission, candidates, ticket] = await Promise.all([
    call.admission,
    readFree(deps, request, caller, now),
    deps.referrals.takeTicket(window, request.count),
  ]);
  const giveBack = (attributions: Attribution[]) =>
    Promise.all(
      attributions.map((claimed) =>
        deps.referrals.releaseIfHeld({ attributionId: claimed.id, caller }, call.budget).catch(() => undefined),
      ),
    );
  const claimEach = async (batch: Attribution[]): Promise<ClaimRound> => {
    const settled = await Promise.allSettled(
      batch.map((candidate) =>
        deps.referrals.claimIfFree({ attributionId: candidate.id, caller, nowMs: now.getTime(), untilMs }, call.budget),
      ),
    );
    // A claim whose write failed may still have been applied (its answer lost): it is given back, so that the caller
    // holds nothing the answer does not name.
    await giveBack(batch.filter((_, index) => settled[index]?.status === 'rejected'));
    return {
      won: settled.flatMap((outcome) => (outcome.status === 'fulfilled' && outcome.value ? [outcome.value] : [])),
      errors: settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : [])),
    };
  };
  const first = await claimEach(windowOf(candidates, ticket, request.count));
  if (first.won.length === 0 && first.errors.length > 0) {
    // Given back, an unknown claim is no longer unknown: the caller holds nothing, and may simply call again.
    const [error] = first.errors;
    throw error instanceof WriteOutcomeUnknown ? new DependencyUnavailable(error) : error;
  }
  const wantsMore = first.won.length < request.count && candidates.length > first.won.length;
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId: call.requestId, price: call.price, now };
  const [charged, fresh] = await Promise.allSettled([
    chargeAfterSuccess(deps.meter, chargeRequest, admission.usedThisMonth, call.budget),
    wantsMore ? readFree(deps, request, caller, now) : Promise.resolve([]),
  ]);
  if (charged.status === 'rejected') {
    await giveBack(first.won);
    throw charged.reason;
  }
  // A failed fresh read or second try leaves the first claims, which the charge paid for, to answer.
  const more =
    fresh.status === 'fulfilled' && fresh.value.length > 0
      ? (await claimEach(windowOf(fresh.value, ticket, request.count - first.won.length))).won
      : [];
  const claim = shownClaim({ by: caller, untilMs });
  const items = [...first.won, ...more]
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id))
    .map((attribution) => ({ ...attribution, claim }));
  return { items, creditsCharged: charged.value === 'charged' ? call.price.credits : 0 };
};
