import { describe, expect, it } from 'vitest';
import { type Admission, admitRequest } from '../../../functions/billing/admission.js';
import { plans } from '../../../functions/billing/plans.js';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { claimNext } from '../../../functions/referrals/claim-next.js';
import { claimReferral, releaseClaim } from '../../../functions/referrals/claim-one.js';
import { LEASE_SECONDS, leaseEnd, liveClaim, ReferralClaimed, shownClaim } from '../../../functions/referrals/claims.js';
import { decideReferral } from '../../../functions/referrals/decide-one.js';
import { REJECT } from '../../../functions/referrals/decision.js';
import { failure } from '../../support/api-errors.js';
import { aPrincipal } from '../../support/builders.js';
import { ampleBudget, FakeClaimQueue, fakeWorld } from '../../support/fakes.js';

const start = new Date('2026-11-25T10:00:00.000Z');
const held = (id: string, created_at = '2026-11-01T00:00:00.000Z'): Attribution => ({ id, status: 'review_required', created_at });
const alice = aPrincipal({ userId: 'alice', subjectId: 'key_a' });
const bob = aPrincipal({ userId: 'bob', subjectId: 'key_b' });
const price = { endpoint: 'POST /referrals/{id}/claim', credits: 1, statusCode: 200 };

/** A world with a clock a test moves, and calls of each claim use case by a caller. */
const setup = () => {
  const world = fakeWorld();
  let now = start;
  const deps = { referrals: world.referrals, idempotency: world.idempotency, plans, now: () => now, meter: world.meter };
  const admission = (principal = alice): Promise<Admission> => admitRequest({ meter: world.meter, plans, now: () => now }, principal, now);
  const base = (principal = alice, requestId = 'req-1') => ({
    price,
    principal,
    requestId,
    admission: admission(principal),
    budget: ampleBudget(),
  });
  return {
    world,
    at: (ms: number) => {
      now = new Date(start.getTime() + ms);
    },
    claim: (id: string, principal = alice, leaseSeconds?: number, idempotencyKey?: string) =>
      claimReferral(deps, {
        ...base(principal),
        request: { attributionId: id, ...(leaseSeconds ? { leaseSeconds } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) },
      }),
    release: (id: string, principal = alice, force = false, idempotencyKey?: string) =>
      releaseClaim(deps, { ...base(principal), request: { attributionId: id, force, ...(idempotencyKey ? { idempotencyKey } : {}) } }),
    decide: (id: string, principal = alice) =>
      decideReferral(deps, { ...base(principal), decision: REJECT, request: { attributionId: id } }),
    next: (principal: typeof alice, count: number, queue = new FakeClaimQueue(world.referrals), referrerUserId?: string) =>
      claimNext({ ...deps, referrals: queue }, { ...base(principal), request: { count, ...(referrerUserId ? { referrerUserId } : {}) } }),
  };
};

describe('a claim', () => {
  it('is live until its lease ends, by the clock it is read with, and shows as the API says it', () => {
    const stored = { by: 'alice', untilMs: leaseEnd(start, 60) };
    expect(shownClaim(stored)).toEqual({ by: 'alice', until: '2026-11-25T10:01:00.000Z' });
    expect(liveClaim(stored, new Date(start.getTime() + 59_999))).toEqual(shownClaim(stored));
    expect(liveClaim(stored, new Date(start.getTime() + 60_000))).toBeNull();
    expect(liveClaim(undefined, start)).toBeNull();
  });

  it('takes a held referral for 900 s by default, charges one credit, and renews for its holder', async () => {
    const { world, claim } = setup();
    world.referrals.put(held('a'));
    const first = await claim('a');
    expect(first.data.claim).toEqual({ by: 'alice', until: new Date(start.getTime() + LEASE_SECONDS.default * 1000).toISOString() });
    expect(first.data.attribution.claim).toEqual(first.data.claim);
    expect([first.replayed, first.creditsCharged]).toEqual([false, 1]);
    expect((await claim('a', alice, 3600)).data.claim?.until).toBe('2026-11-25T11:00:00.000Z');
    expect(world.meter.usage).toHaveLength(2);
  });

  it("is refused by another's live claim, naming it, and takes over an expired one", async () => {
    const { world, claim, at } = setup();
    world.referrals.put(held('a'));
    await claim('a', alice, 60);
    const refused = await failure(claim('a', bob));
    expect([refused.type, refused.context]).toEqual([
      'claimed',
      { id: 'a', claimed_by: 'alice', claimed_until: '2026-11-25T10:01:00.000Z' },
    ]);
    at(60_000);
    expect((await claim('a', bob)).data.claim?.by).toBe('bob');
    expect(world.meter.usage.map((usage) => usage.user_id)).toEqual(['alice', 'bob']);
  });

  it('answers conflict for a referral not held, not found for none, charging nothing', async () => {
    const { world, claim } = setup();
    world.referrals.put({ ...held('r'), status: 'rejected' });
    expect((await failure(claim('r'))).type).toBe('conflict');
    expect((await failure(claim('none'))).type).toBe('not_found');
    expect(world.meter.usage).toEqual([]);
    // Refused from the read: no write is tried.
    expect(world.referrals.claimWrites).toEqual([]);
  });

  it('replays a keyed claim and charges nothing more, and refuses the key for another lease or a release', async () => {
    const { world, claim, release } = setup();
    world.referrals.put(held('a'));
    const first = await claim('a', alice, undefined, 'k');
    const again = await claim('a', alice, undefined, 'k');
    expect(again).toEqual({ ...first, replayed: true, creditsCharged: 0 });
    expect(world.meter.usage).toHaveLength(1);
    // Replayed from the key's record as read: no write is tried.
    expect(world.referrals.claimWrites).toHaveLength(1);
    expect((await failure(claim('a', alice, 60, 'k'))).type).toBe('idempotency_key_reused');
    expect((await failure(release('a', alice, false, 'k'))).type).toBe('idempotency_key_reused');
    expect((await release('a', alice, false, 'k2')).replayed).toBe(false);
    expect((await failure(release('a', alice, true, 'k2'))).type).toBe('idempotency_key_reused');
  });
});

describe('a release', () => {
  it("releases one's own claim, answers a success with none, and is refused another's live one without force", async () => {
    const { world, claim, release } = setup();
    world.referrals.put(held('a'));
    await claim('a');
    expect((await release('a')).data).toMatchObject({ claim: null, attribution: { claim: null } });
    expect(world.referrals.claims.has('a')).toBe(false);
    expect((await release('a')).creditsCharged).toBe(1);
    await claim('a', bob);
    expect((await failure(release('a'))).type).toBe('claimed');
    expect(world.referrals.claims.get('a')?.by).toBe('bob');
  });

  it('forced on its own claim, or on none, is a plain release that records nothing', async () => {
    const { world, claim, release } = setup();
    world.referrals.put(held('a'));
    await claim('a');
    await release('a', alice, true);
    await release('a', alice, true);
    expect(world.referrals.claimWrites.slice(1).map((write) => write.forced)).toEqual([undefined, undefined]);
  });

  it("forced, ends another's claim and records whose it was", async () => {
    const { world, claim, release } = setup();
    world.referrals.put(held('a'));
    await claim('a', bob);
    await release('a', alice, true);
    expect(world.referrals.claims.has('a')).toBe(false);
    const forced = world.referrals.claimWrites.at(-1)?.forced;
    expect(forced).toMatchObject({ holder: 'bob', activity: { action: 'claim_released', actor: 'alice', released_claim: { by: 'bob' } } });
  });
});

describe('decisions and claims', () => {
  it("refuse a decision by anyone but the live claim's holder, and let the holder's through, clearing it", async () => {
    const { world, claim, decide, at } = setup();
    world.referrals.put(held('a'));
    world.referrals.put(held('b'));
    await claim('a', alice, 60);
    await claim('b', alice, 60);
    await expect(decide('a', bob)).rejects.toBeInstanceOf(ReferralClaimed);
    expect(world.referrals.attributions.get('a')?.status).toBe('review_required');
    expect((await decide('a', alice)).data.attribution.status).toBe('rejected');
    expect(world.referrals.claims.has('a')).toBe(false);
    at(60_000);
    expect((await decide('b', bob)).data.attribution.status).toBe('rejected');
  });
});

describe('claim-next', () => {
  it('claims the oldest free ones in order, past those others hold, charging one credit a call', async () => {
    const { world, claim, next } = setup();
    for (const [id, day] of [
      ['d', '04'],
      ['a', '01'],
      ['c', '03'],
      ['b', '02'],
    ] as const)
      world.referrals.put(held(id, `2026-11-${day}T00:00:00.000Z`));
    await claim('a', bob);
    const result = await next(alice, 2);
    expect(result.items.map((item) => [item.id, item.claim?.by])).toEqual([
      ['b', 'alice'],
      ['c', 'alice'],
    ]);
    expect(result.creditsCharged).toBe(1);
    expect(world.meter.usage.filter((usage) => usage.user_id === 'alice')).toHaveLength(1);
  });

  it('starts a caller of the same moment at its ticket, so that callers at once reach for different referrals', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b', 'c', 'd']) world.referrals.put(held(id, `2026-11-0${'abcd'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.tickets.set(String(Math.floor(start.getTime() / 2_000)), 2);
    expect((await next(alice, 2, queue)).items.map((item) => item.id)).toEqual(['c', 'd']);
  });

  it('answers oldest first when its place wraps round the free ones', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b', 'c']) world.referrals.put(held(id, `2026-11-0${'abc'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.tickets.set(String(Math.floor(start.getTime() / 2_000)), 2);
    expect((await next(alice, 2, queue)).items.map((item) => item.id)).toEqual(['a', 'c']);
  });

  it("claims only the referrer's referrals when asked for one referrer", async () => {
    const { world, next } = setup();
    world.referrals.put({ ...held('a', '2026-11-01T00:00:00.000Z'), referrer_user_id: 'other' });
    world.referrals.put({ ...held('b', '2026-11-02T00:00:00.000Z'), referrer_user_id: 'ring' });
    expect((await next(alice, 2, new FakeClaimQueue(world.referrals), 'ring')).items.map((item) => item.id)).toEqual(['b']);
    expect(world.referrals.claims.has('a')).toBe(false);
  });

  it('skips one taken meanwhile and tries a spare from a fresh read', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b', 'c']) world.referrals.put(held(id, `2026-11-0${'abc'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.takenMeanwhile.set('a', 'bob');
    expect((await next(alice, 2, queue)).items.map((item) => item.id)).toEqual(['b', 'c']);
  });

  it('answers a retryable error, uncharged and holding nothing, when every claim it tried failed, though applied', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b']) world.referrals.put(held(id, `2026-11-0${'ab'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.lostClaims.add('a');
    queue.lostClaims.add('b');
    expect(await failure(next(alice, 2, queue))).toMatchObject({ type: 'dependency_unavailable', retryable: true });
    expect(queue.released.sort()).toEqual(['a', 'b']);
    expect([...world.referrals.claims.keys()]).toEqual([]);
    expect(world.meter.usage).toEqual([]);
  });

  it('answers the ones it won, charged once, and gives back one whose claim failed, though applied', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b', 'c']) world.referrals.put(held(id, `2026-11-0${'abc'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.lostClaims.add('a');
    queue.lostClaims.add('c');
    const result = await next(alice, 3, queue);
    expect(result.items.map((item) => item.id)).toEqual(['b']);
    expect(result.creditsCharged).toBe(1);
    expect([...world.referrals.claims.keys()]).toEqual(['b']);
    expect(world.meter.usage).toHaveLength(1);
  });

  it('answers its first claims when the fresh read for more fails', async () => {
    const { world, next } = setup();
    for (const id of ['a', 'b', 'c']) world.referrals.put(held(id, `2026-11-0${'abc'.indexOf(id) + 1}T00:00:00.000Z`));
    const queue = new FakeClaimQueue(world.referrals);
    queue.takenMeanwhile.set('a', 'bob');
    queue.failingReads = 1;
    const result = await next(alice, 2, queue);
    expect(result.items.map((item) => item.id)).toEqual(['b']);
    expect(result.creditsCharged).toBe(1);
  });

  it('gives its claims back when its charge is refused', async () => {
    const { world, next } = setup();
    world.referrals.put(held('a'));
    const queue = new FakeClaimQueue(world.referrals);
    world.meter.scripted.push({ committed: false, refusal: 'daily_cap' });
    expect((await failure(next(aPrincipal({ userId: 'alice', plan: 'free' }), 1, queue))).type).toBe('daily_cap_reached');
    expect(queue.released).toEqual(['a']);
    expect(world.referrals.claims.has('a')).toBe(false);
  });
});
