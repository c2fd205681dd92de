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

/**
 * Four rounds at most: the admission, every shard's read and the ticket at once; the charge beside the first claims;
 * then, if some of those were taken by others meanwhile, a fresh read and one more try. A refused charge gives the
 * claims back.
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
  const claimEach = async (batch: Attribution[]) =>
    (
      await Promise.all(
        batch.map((candidate) =>
          deps.referrals.claimIfFree({ attributionId: candidate.id, caller, nowMs: now.getTime(), untilMs }, call.budget),
        ),
      )
    ).filter((claimed): claimed is Attribution => claimed !== undefined);
  const chargeRequest = { principal, plan: deps.plans[principal.plan], requestId: call.requestId, price: call.price, now };
  const [charged, first] = await Promise.allSettled([
    chargeAfterSuccess(deps.meter, chargeRequest, admission.usedThisMonth, call.budget),
    claimEach(windowOf(candidates, ticket, request.count)),
  ]);
  const won = first.status === 'fulfilled' ? first.value : [];
  if (charged.status === 'rejected' || first.status === 'rejected') {
    await Promise.all(
      won.map((claimed) => deps.referrals.releaseIfHeld({ attributionId: claimed.id, caller }, call.budget).catch(() => undefined)),
    );
    throw charged.status === 'rejected' ? charged.reason : (first as PromiseRejectedResult).reason;
  }
  const more =
    won.length < request.count && candidates.length > won.length
      ? await claimEach(windowOf(await readFree(deps, request, caller, now), ticket, request.count - won.length))
      : [];
  const claim = shownClaim({ by: caller, untilMs });
  const items = [...won, ...more]
    .sort((a, b) => (a.created_at ?? '').localeCompare(b.created_at ?? '') || a.id.localeCompare(b.id))
    .map((attribution) => ({ ...attribution, claim }));
  return { items, creditsCharged: charged.value === 'charged' ? call.price.credits : 0 };
};
