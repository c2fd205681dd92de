import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/auth/principal.js';
import { type Admission, admitRequest } from '../../../functions/billing/admission.js';
import { LimitReached } from '../../../functions/billing/errors.js';
import { type Plan, plans } from '../../../functions/billing/plans.js';
import { endpointOf } from '../../../functions/http/route.js';
import { bulkRejectRoute } from '../../../functions/http/routes/bulk-reject.js';
import { fingerprintOf, requestMark } from '../../../functions/idempotency/record.js';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { type BulkDecisionRequest, bulkFingerprint } from '../../../functions/referrals/bulk-request.js';
import { BULK_CONCURRENCY, BULK_ITEM_RESOLVE_MS, type BulkDeps, decideMany } from '../../../functions/referrals/decide-many.js';
import { decisionFingerprint } from '../../../functions/referrals/decide-one.js';
import { APPROVE, type Decision, REJECT } from '../../../functions/referrals/decision.js';
import { mapWithConcurrency } from '../../../functions/shared/concurrency.js';
import { Contention, DependencyUnavailable, WriteOutcomeUnknown } from '../../../functions/shared/dependency-errors.js';
import { failure } from '../../support/api-errors.js';
import { ampleBudget, FakeIdempotencyClaims, fakeWorld } from '../../support/fakes.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const principal: Principal = { userId: 'admin-1', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: false };
const held = (id: string): Attribution => ({
  id,
  status: 'review_required',
  review_reason: 'same_stripe_customer',
  code: id.toUpperCase(),
});
const DAY = 'admin-1#day#2026-11-25';
const MONTH = 'admin-1#month#2026-11';

const setup = (
  options: { plan?: Partial<Plan>; principal?: Partial<Principal>; held?: string[]; decision?: Decision; credits?: number } = {},
) => {
  const world = fakeWorld();
  const claims = new FakeIdempotencyClaims();
  const caller = { ...principal, ...options.principal };
  const table = { ...plans, [caller.plan]: { ...plans[caller.plan], ...options.plan } };
  const warnings: string[] = [];
  const logged: { message: string; attributes: Record<string, unknown> }[] = [];
  const deps: BulkDeps = {
    referrals: world.referrals,
    meter: world.meter,
    idempotency: claims,
    plans: table,
    now: () => now,
    log: {
      warn: (message, attributes) => {
        warnings.push(message);
        logged.push({ message, attributes });
      },
    },
  };
  for (const id of options.held ?? ['attr-1', 'attr-2', 'attr-3']) world.referrals.put(held(id));
  const call = (request: BulkDecisionRequest, requestId = 'req-1', admission?: Promise<Admission>, decision = options.decision) =>
    decideMany(deps, {
      decision: decision ?? REJECT,
      request,
      price: { endpoint: endpointOf(bulkRejectRoute), credits: options.credits ?? 1, statusCode: 200 },
      principal: caller,
      requestId,
      admission: admission ?? admitRequest({ meter: world.meter, plans: table, now: () => now }, caller, now),
      budget: ampleBudget(),
    });
  const statuses = () => [...world.referrals.attributions.values()].map((attribution) => `${attribution.id}:${attribution.status}`);
  return { world, claims, deps, call, warnings, logged, statuses };
};

describe('the bulk reject use case', () => {
  it('answers every id in the request order and charges one credit per rejected referral', async () => {
    const { world, call } = setup();
    world.referrals.put({ ...held('attr-9'), status: 'rewarded' });
    const result = await call({ ids: ['attr-2', 'missing', 'attr-9', 'attr-1'], reason: 'ring' });
    expect(result.data.results.map((item) => [item.id, item.outcome])).toEqual([
      ['attr-2', 'rejected'],
      ['missing', 'not_found'],
      ['attr-9', 'conflict'],
      ['attr-1', 'rejected'],
    ]);
    expect(result.data.counts).toEqual({ rejected: 2, not_found: 1, conflict: 1, claimed: 0, failed: 0, unknown: 0 });
    expect(result.data.results[1]).toEqual({ id: 'missing', outcome: 'not_found', error: { type: 'not_found' } });
    expect(result.data.results[2]).toEqual({
      id: 'attr-9',
      outcome: 'conflict',
      error: { type: 'conflict', context: { status: 'rewarded' } },
    });
    expect(result.data.results[0]).toEqual({
      id: 'attr-2',
      outcome: 'rejected',
      attribution: { ...held('attr-2'), status: 'rejected', reviewed_at: now.toISOString(), reviewed_by: 'admin-1' },
    });
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect(world.meter.counters.get(MONTH)).toBe(2);
    // Only the referrals held for review are reserved for: the others are answered from the read.
    expect(world.meter.reservations.map((reservation) => [reservation.day.credits, reservation.month.credits])).toEqual([[2, 2]]);
    expect(world.meter.usage.map((usage) => [usage.request_id, usage.attribution_id, usage.credits, usage.overage])).toEqual([
      ['req-1', 'attr-2', 1, false],
      ['req-1', 'attr-1', 1, false],
    ]);
    expect(world.meter.usage[0]?.endpoint).toBe(endpointOf(bulkRejectRoute));
  });

  it('writes each referral with its own activity item, naming the reason and the previous status', async () => {
    const { world, call } = setup();
    await call({ ids: ['attr-1'], reason: 'ring' }, 'req-7');
    const [write] = world.referrals.itemWrites;
    expect(write?.activity).toMatchObject({ request_id: 'req-7', reason: 'ring', actor: 'admin-1' });
    expect(write?.expectedStatus).toBe('review_required');
    expect(write?.userId).toBe('admin-1');
  });

  it('answers 200 without reserving anything when no id can be rejected', async () => {
    const { world, call } = setup();
    const result = await call({ ids: ['nope-1', 'nope-2'] });
    expect(result.data.counts).toMatchObject({ rejected: 0, not_found: 2 });
    expect(world.meter.counters.get(DAY)).toBeUndefined();
    expect(world.referrals.itemWrites).toEqual([]);
  });

  it('refuses the whole request with daily_cap_reached when the reservation does not fit, changing nothing', async () => {
    const { world, call, statuses } = setup({ plan: { dailyCap: 2 } });
    const before = statuses();
    const error = await failure(call({ ids: ['attr-1', 'attr-2', 'attr-3'] }));
    expect(error.type).toBe('daily_cap_reached');
    expect(String(error.context?.retry_after)).toMatch(/^\d+$/);
    expect(statuses()).toEqual(before);
    expect(world.meter.counters.get(DAY)).toBeUndefined();
    expect(world.meter.usage).toEqual([]);
  });

  it('refuses with credits_exhausted past the included credits on a plan without overage, changing nothing', async () => {
    const { world, call } = setup({ principal: { plan: 'starter' }, plan: { includedCreditsPerMonth: 2 } });
    const error = await failure(call({ ids: ['attr-1', 'attr-2', 'attr-3'] }));
    expect(error.type).toBe('credits_exhausted');
    expect(world.meter.counters.get(MONTH)).toBeUndefined();
  });

  it('refuses with credits_exhausted when the month counter outgrew its read before the reservation', async () => {
    const { world, call } = setup({ principal: { plan: 'starter' }, plan: { includedCreditsPerMonth: 3 } });
    const stale: Admission = { admitted: true, rate: { limit: 45, used: 1, resetAt: now }, usedThisMonth: 0 };
    world.meter.counters.set(MONTH, 2);
    const error = await failure(call({ ids: ['attr-1', 'attr-2'] }, 'req-1', Promise.resolve(stale)));
    expect(error.type).toBe('credits_exhausted');
    expect(world.meter.counters.get(MONTH)).toBe(2);
  });

  it('bills the credits past the included ones as overage where the plan allows it', async () => {
    const { world, call } = setup({ plan: { includedCreditsPerMonth: 1 }, principal: { plan: 'starter', overageEnabled: true } });
    await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(world.meter.usage.map((usage) => usage.overage)).toEqual([false, true, true]);
    expect(world.meter.counters.get(MONTH)).toBe(3);
  });

  it('reports a referral whose write stayed unknown as unknown and retryable, and keeps its credit reserved for the reconciler', async () => {
    const { world, call, warnings } = setup();
    world.referrals.itemFaults.set('attr-2', new WriteOutcomeUnknown(new Error('socket hang up')));
    world.referrals.itemFaults.set('attr-3', 'contention');
    const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(result.data.results.slice(1)).toEqual([
      { id: 'attr-2', outcome: 'unknown', error: { type: 'dependency_unavailable', retryable: true } },
      { id: 'attr-3', outcome: 'failed', error: { type: 'concurrent_update', retryable: true } },
    ]);
    expect(result.data.counts).toEqual({ rejected: 1, not_found: 0, conflict: 0, claimed: 0, failed: 1, unknown: 1 });
    // Three reserved, one given back (the contention); attr-2's stays reserved: only the usage records will say.
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect(world.meter.counters.get(MONTH)).toBe(2);
    expect([...world.meter.open.keys()]).toEqual(['req-1']);
    expect(warnings).toContain('reservation left open for the reconciler');
  });

  it('with an outcome unknown and nothing surely unused, writes no release at all', async () => {
    const { world, call, logged } = setup();
    world.referrals.itemFaults.set('attr-2', new WriteOutcomeUnknown(new Error('socket hang up')));
    let releases = 0;
    const release = world.meter.release.bind(world.meter);
    world.meter.release = async (...args) => {
      releases += 1;
      return release(...args);
    };
    await call({ ids: ['attr-1', 'attr-2'] });
    expect(releases).toBe(0);
    expect(logged).toContainEqual({ message: 'reservation left open for the reconciler', attributes: { unknown: 1 } });
    expect(world.meter.counters.get(DAY)).toBe(2);
  });

  it('closes the reservation even when every reserved credit was used', async () => {
    const { world, call } = setup();
    await call({ ids: ['attr-1', 'attr-2'] });
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect(world.meter.open.size).toBe(0);
  });

  it('passes its write budget to every write, and a tighter one to the referrals, ending soon after the last start', async () => {
    const { world, deps } = setup();
    const budgets: number[] = [];
    const commit = world.referrals.commitItemDecision.bind(world.referrals);
    world.referrals.commitItemDecision = async (write, budget) => {
      budgets.push(budget?.deadline ?? Number.NaN);
      return commit(write);
    };
    const start = now.getTime();
    await decideMany(deps, {
      decision: REJECT,
      request: { ids: ['attr-1'] },
      price: { endpoint: endpointOf(bulkRejectRoute), credits: 1, statusCode: 200 },
      principal,
      requestId: 'req-1',
      admission: admitRequest({ meter: world.meter, plans, now: () => now }, principal, now),
      deadline: start + 1_000,
      budget: { deadline: start + 9_000, log: deps.log },
    });
    expect(budgets).toEqual([start + 1_000 + BULK_ITEM_RESOLVE_MS]);
  });

  it('gives back the credits of the referrals that were not rejected', async () => {
    const { world, call } = setup();
    world.referrals.itemFaults.set('attr-2', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    world.referrals.itemFaults.set('attr-3', 'contention');
    const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(result.data.results.slice(1)).toEqual([
      { id: 'attr-2', outcome: 'failed', error: { type: 'dependency_unavailable', retryable: true } },
      { id: 'attr-3', outcome: 'failed', error: { type: 'concurrent_update', retryable: true } },
    ]);
    expect(result.data.counts).toMatchObject({ rejected: 1, failed: 2 });
    expect(world.meter.counters.get(DAY)).toBe(1);
    expect(world.meter.counters.get(MONTH)).toBe(1);
    expect(world.meter.usage).toHaveLength(1);
  });

  it('starts no referral past the deadline: the rest is failed and retryable, untouched, its credits released', async () => {
    const { world, deps, statuses } = setup({ held: ['attr-1', 'attr-2', 'attr-3', 'attr-4'] });
    let clock = now.getTime();
    const commit = world.referrals.commitItemDecision.bind(world.referrals);
    world.referrals.commitItemDecision = async (write) => {
      clock += 1_000;
      return commit(write);
    };
    const result = await decideMany(
      { ...deps, now: () => new Date(clock) },
      {
        decision: REJECT,
        request: { ids: ['attr-1', 'attr-2', 'attr-3', 'attr-4'] },
        price: { endpoint: endpointOf(bulkRejectRoute), credits: 1, statusCode: 200 },
        principal,
        requestId: 'req-1',
        admission: admitRequest({ meter: world.meter, plans, now: () => now }, principal, now),
        deadline: now.getTime() + 2_000,
        budget: ampleBudget(),
      },
    );
    expect(result.data.results.map((item) => item.outcome)).toEqual(['rejected', 'rejected', 'failed', 'failed']);
    expect(result.data.results[3]).toEqual({ id: 'attr-4', outcome: 'failed', error: { type: 'dependency_unavailable', retryable: true } });
    expect(statuses()).toEqual(['attr-1:rejected', 'attr-2:rejected', 'attr-3:review_required', 'attr-4:review_required']);
    expect(world.meter.counters.get(DAY)).toBe(2);
  });

  it('answers a retryable concurrent_update when the counters stay contended, changing nothing', async () => {
    const { world, call, statuses } = setup();
    const before = statuses();
    world.meter.scriptedReservations.push({ reserved: false, refusal: 'contention' });
    const error = await failure(call({ ids: ['attr-1'] }));
    expect(error.type).toBe('concurrent_update');
    expect(statuses()).toEqual(before);
  });

  it('reserves nothing for a request over the daily cap or past the included credits: it cannot fit', async () => {
    const capped = setup({ plan: { dailyCap: 2 } });
    expect((await failure(capped.call({ ids: ['attr-1', 'attr-2', 'attr-3'] }))).type).toBe('daily_cap_reached');
    expect(capped.world.meter.reservations).toEqual([]);
    const exhausted = setup({ principal: { plan: 'starter' }, plan: { includedCreditsPerMonth: 2 } });
    expect((await failure(exhausted.call({ ids: ['attr-1', 'attr-2', 'attr-3'] }))).type).toBe('credits_exhausted');
    expect(exhausted.world.meter.reservations).toEqual([]);
  });

  it('takes the last included credits exactly, and reserves under the included amount on a plan without overage', async () => {
    const { world, call } = setup({ principal: { plan: 'starter' }, plan: { includedCreditsPerMonth: 5 } });
    world.meter.counters.set(MONTH, 2);
    const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(result.data.counts.rejected).toBe(3);
    expect(world.meter.reservations[0]?.month).toMatchObject({ credits: 3, ceiling: 5 });
    expect(world.meter.counters.get(MONTH)).toBe(5);
  });

  it('counts the credits already used this month when it splits included and overage', async () => {
    const { world, call } = setup({ plan: { includedCreditsPerMonth: 3 }, principal: { plan: 'starter', overageEnabled: true } });
    world.meter.counters.set(MONTH, 2);
    await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(world.meter.usage.map((usage) => usage.overage)).toEqual([false, true, true]);
    // The one included credit it plans must still be free: the counter may pass 3 by the 2 overage credits only.
    expect(world.meter.reservations[0]?.month.ceiling).toBe(5);
  });

  it.each([
    ['conflicts', (world: ReturnType<typeof setup>['world']) => world.referrals.put({ ...held('attr-1'), status: 'rejected' })],
    ['fails', (world: ReturnType<typeof setup>['world']) => world.referrals.itemFaults.set('attr-1', new Error('socket hang up'))],
  ])('bills a referral the included credits still cover as included when one before it %s', async (_name, miss) => {
    const { world, call } = setup({ plan: { includedCreditsPerMonth: 2 }, principal: { plan: 'starter', overageEnabled: true } });
    const read = world.referrals.loadAttributions.bind(world.referrals);
    // After the read, so that the referral is a candidate and is not decided at its write.
    world.referrals.loadAttributions = async (ids, deadline) => {
      const found = await read(ids, deadline);
      miss(world);
      return found;
    };
    const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(result.data.counts.rejected).toBe(2);
    expect(world.meter.usage.map((usage) => [usage.attribution_id, usage.overage])).toEqual([
      ['attr-2', false],
      ['attr-3', false],
    ]);
  });

  it('plans again from the month read anew when other requests took included credits between its read and its reservation', async () => {
    const { world, call } = setup({ plan: { includedCreditsPerMonth: 3 }, principal: { plan: 'starter', overageEnabled: true } });
    const reserve = world.meter.reserve.bind(world.meter);
    let first = true;
    world.meter.reserve = async (reservation) => {
      // Another request of the account reserves 2 of the 3 included credits just before this one.
      if (first) world.meter.counters.set(MONTH, 2);
      first = false;
      return reserve(reservation);
    };
    await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(world.meter.reservations.map((reservation) => reservation.month.ceiling)).toEqual([3, 5]);
    expect(world.meter.usage.map((usage) => usage.overage)).toEqual([false, true, true]);
    expect(world.meter.counters.get(MONTH)).toBe(5);
  });

  it('refuses with credits_exhausted, without planning again, when other requests took the included credits on a plan without overage', async () => {
    const { world, call } = setup({ principal: { plan: 'starter' }, plan: { includedCreditsPerMonth: 3 } });
    world.meter.scriptedReservations.push({ reserved: false, refusal: 'included_credits' });
    expect((await failure(call({ ids: ['attr-1'] }))).type).toBe('credits_exhausted');
    expect(world.meter.reservations).toHaveLength(1);
  });

  it('gives up with concurrent_update when its reservation keeps being refused on the included credits', async () => {
    const { world, call } = setup({ plan: { includedCreditsPerMonth: 3 } });
    for (let refusal = 0; refusal < 3; refusal++) world.meter.scriptedReservations.push({ reserved: false, refusal: 'included_credits' });
    expect((await failure(call({ ids: ['attr-1'] }))).type).toBe('concurrent_update');
    expect(world.meter.reservations).toHaveLength(3);
  });

  it('logs a failed referral by its id and error type, never more', async () => {
    const { world, call, logged } = setup();
    world.referrals.itemFaults.set('attr-2', new Error('socket hang up'));
    world.meter.failingReleases.push(new Error('throttled'));
    await call({ ids: ['attr-1', 'attr-2'] });
    expect(logged).toEqual([
      { message: 'a referral of a bulk reject failed', attributes: { attribution_id: 'attr-2', error_name: 'Error' } },
      { message: 'unused reserved credits were not released', attributes: { credits: 1, error_name: 'Error' } },
    ]);
  });

  it('answers dependency_unavailable for a referral whose write failed with an error that is not retryable', async () => {
    const { world, call, logged } = setup();
    world.referrals.itemFaults.set('attr-1', new TypeError('a bug'));
    const result = await call({ ids: ['attr-1'] });
    expect(result.data.results[0]).toEqual({ id: 'attr-1', outcome: 'failed', error: { type: 'dependency_unavailable', retryable: true } });
    expect(logged[0]?.attributes).toEqual({ attribution_id: 'attr-1', error_name: 'TypeError' });
  });

  it('has no key to give back when a request without one fails', async () => {
    const { world, claims, call } = setup();
    world.meter.failingReservations.push(new DependencyUnavailable(new Error('throttled')));
    await failure(call({ ids: ['attr-1'] }));
    const refused = Promise.reject(
      new LimitReached('rate_limited', { limit: 'requests_per_minute', value: 1, resets_at: '2026-11-25T10:01:00.000Z', retry_after: 30 }),
    );
    refused.catch(() => undefined);
    await failure(call({ ids: ['attr-1'] }, 'req-2', refused));
    expect(claims.abandonCalls).toEqual([]);
  });

  it('answers concurrent_update for a referral whose write stayed contended', async () => {
    const { world, call } = setup();
    world.referrals.itemFaults.set('attr-1', new Contention());
    const result = await call({ ids: ['attr-1'] });
    expect(result.data.results[0]).toEqual({ id: 'attr-1', outcome: 'failed', error: { type: 'concurrent_update', retryable: true } });
  });

  it('answers conflict when the status changed between the read and the write, and gives its credit back', async () => {
    const { world, call } = setup();
    const read = world.referrals.loadAttributions.bind(world.referrals);
    world.referrals.loadAttributions = async (ids, deadline) => {
      const found = await read(ids, deadline);
      world.referrals.put({ ...held('attr-1'), status: 'rejected' });
      return found;
    };
    const result = await call({ ids: ['attr-1', 'attr-2'] });
    expect(result.data.results[0]).toEqual({
      id: 'attr-1',
      outcome: 'conflict',
      error: { type: 'conflict', context: { status: 'rejected' } },
    });
    expect(world.meter.counters.get(DAY)).toBe(1);
  });

  it('answers not_found when the referral disappeared between the read and the write', async () => {
    const { world, call } = setup();
    const read = world.referrals.loadAttributions.bind(world.referrals);
    world.referrals.loadAttributions = async (ids, deadline) => {
      const found = await read(ids, deadline);
      world.referrals.attributions.delete('attr-1');
      return found;
    };
    const result = await call({ ids: ['attr-1'] });
    expect(result.data.results[0]).toEqual({ id: 'attr-1', outcome: 'not_found', error: { type: 'not_found' } });
  });

  it('answers a retryable failure, never not_found, for an id its read left unread, and reserves nothing for it', async () => {
    const { world, call, statuses } = setup();
    world.referrals.unread.add('attr-2');
    const result = await call({ ids: ['attr-1', 'attr-2', 'missing'] });
    expect(result.data.results.map((item) => [item.id, item.outcome])).toEqual([
      ['attr-1', 'rejected'],
      ['attr-2', 'failed'],
      ['missing', 'not_found'],
    ]);
    expect(result.data.results[1]).toEqual({ id: 'attr-2', outcome: 'failed', error: { type: 'dependency_unavailable', retryable: true } });
    expect(world.meter.reservations.map((reservation) => reservation.day.credits)).toEqual([1]);
    expect(statuses()).toContain('attr-2:review_required');
  });

  it('still answers when the release fails: the counters over-count, never under-count, and it is logged', async () => {
    const { world, call, warnings } = setup();
    world.referrals.itemFaults.set('attr-2', 'contention');
    world.meter.failingReleases.push(new Error('throttled'));
    const result = await call({ ids: ['attr-1', 'attr-2'] });
    expect(result.data.counts.rejected).toBe(1);
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect(warnings).toContain('unused reserved credits were not released');
  });

  it('reserves, charges and gives back by the route price, not by the referral count', async () => {
    const { world, call, logged } = setup({ credits: 3 });
    world.referrals.itemFaults.set('attr-2', 'contention');
    world.meter.failingReleases.push(new Error('throttled'));
    await call({ ids: ['attr-1', 'attr-2'] });
    // Two referrals at three credits reserved; the failed one's three could not be given back.
    expect(world.meter.counters.get(DAY)).toBe(6);
    expect(logged.find((entry) => entry.message === 'unused reserved credits were not released')?.attributes).toMatchObject({ credits: 3 });
    const again = setup({ credits: 3 });
    again.world.referrals.itemFaults.set('attr-2', 'contention');
    await again.call({ ids: ['attr-1', 'attr-2'] });
    expect(again.world.meter.counters.get(DAY)).toBe(3);
    expect(again.world.meter.usage.map((record) => record.credits)).toEqual([3]);
  });

  it('fails the request when the reservation fails, changing nothing and giving the key back', async () => {
    const { world, claims, call, statuses } = setup();
    const before = statuses();
    world.meter.failingReservations.push(new DependencyUnavailable(new Error('throttled')));
    const error = await failure(call({ ids: ['attr-1', 'attr-2'], idempotencyKey: 'key-1' }));
    expect(error.type).toBe('dependency_unavailable');
    expect(statuses()).toEqual(before);
    expect(world.meter.usage).toEqual([]);
    expect(claims.entries.size).toBe(0);
    expect(claims.abandoned).toBe(1);
  });

  it('lets the admission failure (429) win and gives the key back', async () => {
    const { claims, call, world } = setup();
    const refused = Promise.reject(
      new LimitReached('rate_limited', { limit: 'requests_per_minute', value: 1, resets_at: '2026-11-25T10:01:00.000Z', retry_after: 30 }),
    );
    refused.catch(() => undefined);
    const error = await failure(call({ ids: ['attr-1'], idempotencyKey: 'key-1' }, 'req-1', refused));
    expect(error.type).toBe('rate_limited');
    expect(claims.entries.size).toBe(0);
    expect(world.referrals.itemWrites).toEqual([]);
  });

  describe('with an idempotency key', () => {
    it('replays the first result for the same request, charging nothing more', async () => {
      const { world, call } = setup();
      const first = await call({ ids: ['attr-1', 'attr-2'], idempotencyKey: 'key-1' }, 'req-1');
      const again = await call({ ids: ['attr-1', 'attr-2'], idempotencyKey: 'key-1' }, 'req-2');
      expect(again).toEqual({ ...first, replayed: true, creditsCharged: 0 });
      expect([first.replayed, first.creditsCharged]).toEqual([false, 2]);
      expect(world.meter.counters.get(DAY)).toBe(2);
      expect(world.referrals.itemWrites).toHaveLength(2);
    });

    it('refuses the same key with other ids with 422 naming when the key expires', async () => {
      const { call } = setup();
      await call({ ids: ['attr-1'], idempotencyKey: 'key-1' });
      const error = await failure(call({ ids: ['attr-2'], idempotencyKey: 'key-1' }, 'req-2'));
      expect(error.type).toBe('idempotency_key_reused');
      expect(error.context).toEqual({ idempotency_key_expires_at: '2026-11-26T10:00:00.000Z' });
    });

    it('answers request_in_progress while the same request holds the key, and 422 for another request', async () => {
      const { claims, call, world } = setup();
      await claims.claim({
        userId: 'admin-1',
        key: 'key-1',
        claimId: 'other',
        fingerprint: bulkFingerprint(REJECT, { ids: ['attr-1'] }),
        now,
      });
      expect((await failure(call({ ids: ['attr-1'], idempotencyKey: 'key-1' }))).type).toBe('request_in_progress');
      const reused = await failure(call({ ids: ['attr-2'], idempotencyKey: 'key-1' }));
      expect(reused.type).toBe('idempotency_key_reused');
      expect(reused.context).toEqual({ idempotency_key_expires_at: '2026-11-26T10:00:00.000Z' });
      expect(world.referrals.itemWrites).toEqual([]);
      expect(claims.entries.get('admin-1#key-1')?.claimId).toBe('other');
    });

    it('answers every outcome and gives the key back when its answer cannot be stored; the rerun recognises its decisions, charging nothing more', async () => {
      const { world, claims, call, warnings } = setup();
      world.referrals.put({ ...held('attr-9'), status: 'rewarded' });
      claims.failingCompletions.push(new WriteOutcomeUnknown(new Error('lost')));
      const ids = ['attr-1', 'attr-9', 'attr-2'];
      const first = await call({ ids, idempotencyKey: 'key-1' }, 'req-1');
      expect(first.data.results.map((item) => item.outcome)).toEqual(['rejected', 'conflict', 'rejected']);
      expect([first.replayed, first.creditsCharged]).toEqual([false, 2]);
      expect(warnings).toContain('the answer was not stored under its idempotency key; a retry recognises its decisions');
      expect(claims.abandoned).toBe(1);

      const rerun = await call({ ids, idempotencyKey: 'key-1' }, 'req-2');
      expect(rerun.data).toEqual(first.data);
      expect([rerun.replayed, rerun.creditsCharged]).toEqual([false, 0]);
      expect(world.referrals.itemWrites).toHaveLength(2);
      expect(world.meter.counters.get(DAY)).toBe(2);
      expect(world.meter.usage).toHaveLength(2);
      // The rerun's answer is stored: the next retry replays it.
      expect(await call({ ids, idempotencyKey: 'key-1' }, 'req-3')).toEqual({ ...rerun, replayed: true });
    });

    it('recognises only what this request decided: another key, other content, a keyless or an old decision is a conflict', async () => {
      const { world, claims, call } = setup({ held: ['attr-1', 'attr-2', 'attr-3', 'attr-4'] });
      await call({ ids: ['attr-1'], idempotencyKey: 'other-key' });
      await call({ ids: ['attr-2'], reason: 'other content', idempotencyKey: 'key-1' });
      await call({ ids: ['attr-3'] });
      world.referrals.decidedUnder.set(
        'attr-4',
        requestMark('admin-1', 'key-1', bulkFingerprint(REJECT, { ids: ['attr-1', 'attr-2', 'attr-3', 'attr-4'] })),
      );
      world.referrals.put({ ...held('attr-4'), status: 'rejected', reviewed_at: '2026-11-24T09:59:59.000Z' });
      // Its claim and stored answer gone, the key comes back for all four.
      claims.entries.clear();
      const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3', 'attr-4'], idempotencyKey: 'key-1' }, 'req-9', undefined, REJECT);
      expect(result.data.results.map((item) => item.outcome)).toEqual(['conflict', 'conflict', 'conflict', 'conflict']);
    });

    it('does not recognise a referral its mark names under the other decision', async () => {
      const { world, call } = setup({ decision: APPROVE });
      const ids = ['attr-1'];
      world.referrals.put({ ...held('attr-1'), status: 'rejected', reviewed_at: now.toISOString() });
      world.referrals.decidedUnder.set('attr-1', requestMark('admin-1', 'key-1', bulkFingerprint(APPROVE, { ids })));
      const result = await call({ ids, idempotencyKey: 'key-1' });
      expect(result.data.results[0]).toMatchObject({ outcome: 'conflict', error: { context: { status: 'rejected' } } });
    });

    it('marks each referral it decides with the keyed request, and a keyless decision with none', async () => {
      const { world, call } = setup();
      await call({ ids: ['attr-1'], idempotencyKey: 'key-1' });
      await call({ ids: ['attr-2'] });
      expect(world.referrals.itemWrites.map((write) => write.decidedUnder)).toEqual([
        requestMark('admin-1', 'key-1', bulkFingerprint(REJECT, { ids: ['attr-1'] })),
        undefined,
      ]);
    });

    it('keeps the fingerprint a bulk reject always had, so that keys stored before approve existed still replay', () => {
      expect(bulkFingerprint(REJECT, { ids: ['a', 'b'], reason: 'x' })).toBe(fingerprintOf(['bulk', ['a', 'b'], 'x']));
      expect(bulkFingerprint(REJECT, { ids: ['a'] })).toBe(fingerprintOf(['bulk', ['a'], null]));
      expect(bulkFingerprint(APPROVE, { ids: ['a'] })).toBe(fingerprintOf(['bulk-approve', ['a'], null]));
    });

    it('tells a request apart by its ids, their order and its reason, and from a single reject of the same referral', () => {
      expect(bulkFingerprint(REJECT, { ids: ['a'], reason: 'x' })).not.toBe(
        decisionFingerprint(REJECT, { attributionId: 'a', reason: 'x' }),
      );
      const base = bulkFingerprint(REJECT, { ids: ['a', 'b'], reason: 'x' });
      expect(bulkFingerprint(REJECT, { ids: ['a', 'b'], reason: 'x', idempotencyKey: 'k' })).toBe(base);
      expect(bulkFingerprint(REJECT, { ids: ['b', 'a'], reason: 'x' })).not.toBe(base);
      expect(bulkFingerprint(REJECT, { ids: ['a', 'b'] })).not.toBe(base);
      expect(bulkFingerprint(REJECT, { ids: ['a', 'b'], reason: 'y' })).not.toBe(base);
    });
  });
});

describe('a bulk decision and claims', () => {
  it('answers claimed for a referral another reviewer holds, charges nothing for it, and decides the rest', async () => {
    const { world, call } = setup();
    world.referrals.claims.set('attr-2', { by: 'someone-else', untilMs: now.getTime() + 60_000 });
    world.referrals.claims.set('attr-3', { by: 'admin-1', untilMs: now.getTime() + 60_000 });
    const result = await call({ ids: ['attr-1', 'attr-2', 'attr-3'] });
    expect(result.data.results[1]).toEqual({
      id: 'attr-2',
      outcome: 'claimed',
      error: { type: 'claimed', context: { claimed_by: 'someone-else', claimed_until: '2026-11-25T10:01:00.000Z' } },
    });
    expect(result.data.counts).toMatchObject({ rejected: 2, claimed: 1 });
    expect(result.creditsCharged).toBe(2);
    expect(world.meter.usage.map((usage) => usage.attribution_id)).toEqual(['attr-1', 'attr-3']);
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect([...world.referrals.claims.keys()]).toEqual(['attr-2']);
  });
});

describe('the bulk approve use case: the same steps, the other decision', () => {
  it('approves each held referral on its own, counts by the approve outcome, and charges one credit per approval', async () => {
    const { world, call, statuses } = setup({ decision: APPROVE });
    world.referrals.put({ ...held('attr-9'), status: 'rejected' });
    world.referrals.itemFaults.set('attr-3', 'contention');
    const result = await call({ ids: ['attr-1', 'missing', 'attr-9', 'attr-2', 'attr-3'], reason: 'verified' });
    expect(result.data.results.map((item) => item.outcome)).toEqual(['approved', 'not_found', 'conflict', 'approved', 'failed']);
    expect(result.data.counts).toEqual({ approved: 2, not_found: 1, conflict: 1, claimed: 0, failed: 1, unknown: 0 });
    expect(result.creditsCharged).toBe(2);
    expect(result.data.results[0]).toMatchObject({ attribution: { id: 'attr-1', status: 'qualified', reviewed_by: 'admin-1' } });
    expect(result.data.results[2]).toMatchObject({ error: { type: 'conflict', context: { status: 'rejected' } } });
    expect(statuses()).toEqual(['attr-1:qualified', 'attr-2:qualified', 'attr-3:review_required', 'attr-9:rejected']);
    expect(world.referrals.itemWrites.map((write) => write.activity.action)).toEqual(['approve', 'approve', 'approve']);
    // Three reserved, one given back: the failed one.
    expect(world.meter.counters.get(DAY)).toBe(2);
    expect(world.meter.usage).toHaveLength(2);
    expect(world.meter.open.size).toBe(0);
  });

  it('refuses a key first used for a bulk approve when it comes back with a bulk reject of the same ids', async () => {
    expect(bulkFingerprint(APPROVE, { ids: ['a'] })).not.toBe(bulkFingerprint(REJECT, { ids: ['a'] }));
    const { call, world, statuses } = setup({ decision: APPROVE });
    await call({ ids: ['attr-1'], idempotencyKey: 'key-1' });
    const error = await failure(call({ ids: ['attr-1'], idempotencyKey: 'key-1' }, 'req-2', undefined, REJECT));
    expect(error.type).toBe('idempotency_key_reused');
    expect(statuses()[0]).toBe('attr-1:qualified');
    expect(world.referrals.itemWrites).toHaveLength(1);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const items = Array.from({ length: 50 }, (_, index) => index);
    const results = await mapWithConcurrency(items, BULK_CONCURRENCY, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
      running -= 1;
      return item * 2;
    });
    expect(results).toEqual(items.map((item) => item * 2));
    expect(peak).toBe(BULK_CONCURRENCY);
  });

  it('runs every item of a list shorter than the limit at once', async () => {
    let peak = 0;
    let running = 0;
    await mapWithConcurrency([1, 2, 3], 16, async () => {
      running += 1;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running -= 1;
    });
    expect(peak).toBe(3);
  });
});
