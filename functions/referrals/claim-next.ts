// Claim-next: the oldest held referrals nobody holds, claimed for the caller, up to a count, in queue order. Every
// shard is read once, free items only; the first `count` are claimed at once, each only if still free; the ones
// someone took meanwhile are skipped, and as many spares are tried once more. Concurrent callers never get one
// referral twice: each claim is a conditional write.
import type { Principal } from '../auth/principal.js';
import type { Admission } from '../billing/admission.js';
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

export type ClaimNextCall = {
  request: ClaimNextRequest;
  principal: Principal;
  /** Awaited before any claim is written: a refused request claims nothing. */
  admission: Promise<Admission>;
  budget: WriteBudget;
};

export const claimNext = async (
  deps: { referrals: ClaimNextStore; now: () => Date },
  call: ClaimNextCall,
): Promise<{ items: Attribution[] }> => {
  const { request, principal } = call;
  const now = deps.now();
  const caller = principal.userId;
  const shards = deps.referrals.queueShards;
  const start: ShardCursor[] = Array.from({ length: shards }, () => 'start');
  const [, pages] = await Promise.all([
    call.admission,
    Promise.all(
      start.map((_, shard) =>
        deps.referrals.listShard({
          status: REVIEWABLE_STATUS,
          shard,
          limit: request.count + CLAIMED_AHEAD,
          ...(request.referrerUserId ? { referrerUserId: request.referrerUserId } : {}),
          claimed: { filter: 'none', caller, nowMs: now.getTime() },
        }),
      ),
    ),
  ]);
  // Oldest first across shards, no further than any shard that has more to read: the same merge as the list's.
  const candidates = mergeShardPages(start, pages, request.count * 2).attributions;
  const untilMs = leaseEnd(now, request.leaseSeconds ?? LEASE_SECONDS.default);
  const claimEach = (batch: Attribution[]) =>
    Promise.all(
      batch.map((candidate) =>
        deps.referrals.claimIfFree({ attributionId: candidate.id, caller, nowMs: now.getTime(), untilMs }, call.budget),
      ),
    );
  const first = await claimEach(candidates.slice(0, request.count));
  const taken = first.filter((claimed): claimed is Attribution => claimed !== undefined);
  const spares = candidates.slice(request.count, request.count + (request.count - taken.length));
  const more = spares.length > 0 ? await claimEach(spares) : [];
  const claim = shownClaim({ by: caller, untilMs });
  return {
    items: [...taken, ...more.filter((claimed): claimed is Attribution => claimed !== undefined)].map((attribution) => ({
      ...attribution,
      claim,
    })),
  };
};
