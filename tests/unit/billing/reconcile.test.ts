import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../../functions/billing/ports.js';
import {
  type CounterLedger,
  type OpenReservation,
  recentDays,
  recomputeCounter,
  reconcileReservations,
} from '../../../functions/billing/reconcile.js';
import { FakeMeterStore } from '../../support/fakes.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const budget = { deadline: Number.POSITIVE_INFINITY, log: { warn: () => undefined } };

const reservation = (requestId: string, credits: number, userId = 'u1', day = '2026-11-30'): Reservation => ({
  userId,
  requestId,
  day: { window: day, credits, ceiling: null, expiresAt: 1 },
  month: { window: day.slice(0, 7), credits, ceiling: null, expiresAt: 1 },
});

/** A ledger over in-memory reservations, usage records and counters, with the meter's own open reservations. */
const world = () => {
  const meter = new FakeMeterStore();
  const reservedAt = new Map<string, Date>();
  const charged = new Map<string, number>();
  const chargedByWindow = new Map<string, number>();
  const listed: string[][] = [];
  const writes: { credits: number; observed: number | undefined }[] = [];
  const allOpen = () =>
    [...meter.open.values()].map(
      (entry): OpenReservation => ({ reservation: entry, credits: entry.day.credits, reservedAt: reservedAt.get(entry.requestId) ?? NOW }),
    );
  /** Request ids whose records the read leaves unread, as DynamoDB leaves keys unprocessed when throttled. */
  const unread = new Set<string>();
  const ledger: CounterLedger = {
    // Pages of two, oldest first, each read when the pass asks for it: as the index is paged.
    async *staleOpen(days, before) {
      listed.push(days);
      const stale = allOpen()
        .filter((entry) => entry.reservedAt.getTime() <= before.getTime())
        .sort((a, b) => a.reservedAt.getTime() - b.reservedAt.getTime());
      for (let offset = 0; offset < stale.length; offset += 2) {
        const page = stale.slice(offset, offset + 2);
        yield {
          open: page.filter((entry) => !unread.has(entry.reservation.requestId)),
          unread: page.filter((entry) => unread.has(entry.reservation.requestId)).map((entry) => entry.reservation),
        };
      }
    },
    async chargedCredits(_userId, requestId) {
      return charged.get(requestId) ?? 0;
    },
    async chargedIn(userId, window) {
      return chargedByWindow.get(`${userId}#${window}`) ?? 0;
    },
    async openOf(userId) {
      return allOpen().filter((entry) => entry.reservation.userId === userId);
    },
    async readCounter(userId, kind, window) {
      return meter.counters.get(`${userId}#${kind}#${window}`);
    },
    async setCounter(userId, kind, window, credits, observed) {
      writes.push({ credits, observed });
      if (meter.counters.get(`${userId}#${kind}#${window}`) !== observed) return false;
      meter.counters.set(`${userId}#${kind}#${window}`, credits);
      return true;
    },
  };
  const open = async (entry: Reservation, at: Date) => {
    await meter.reserve(entry);
    reservedAt.set(entry.requestId, at);
  };
  const warnings: string[] = [];
  const logged: Record<string, unknown>[] = [];
  const deps = {
    ledger,
    meter,
    now: () => NOW,
    log: {
      warn: (message: string, attributes: Record<string, unknown>) => {
        warnings.push(message);
        logged.push(attributes);
      },
    },
  };
  return { meter, ledger, charged, chargedByWindow, listed, writes, open, deps, warnings, logged, unread };
};

const old = new Date(NOW.getTime() - 61_000);

describe('reconciling open reservations', () => {
  it('closes each stale reservation, giving back what its usage records did not charge, and leaves young ones open', async () => {
    const w = world();
    await w.open(reservation('stale', 5), old);
    await w.open(reservation('young', 3), new Date(NOW.getTime() - 59_000));
    w.charged.set('stale', 2);

    const report = await reconcileReservations(w.deps, { days: ['2026-11-30'], staleAfterMs: 60_000, budget });

    // Only the stale one is read.
    expect(report).toEqual({ open: 1, closed: 1, alreadyClosed: 0, creditsReturned: 3, failed: 0, unfinished: false });
    expect(w.meter.counters.get('u1#day#2026-11-30')).toBe(5);
    expect([...w.meter.open.keys()]).toEqual(['young']);
    expect(w.listed).toEqual([['2026-11-30']]);
  });

  it('takes a reservation exactly as old as the threshold as stale', async () => {
    const w = world();
    await w.open(reservation('edge', 1), new Date(NOW.getTime() - 60_000));
    expect(await reconcileReservations(w.deps, { days: [], staleAfterMs: 60_000, budget })).toMatchObject({ closed: 1 });
  });

  it('gives back nothing when the records charged all, or more than, it holds', async () => {
    const w = world();
    await w.open(reservation('r', 2), old);
    w.charged.set('r', 3);
    const report = await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget });
    expect(report).toMatchObject({ closed: 1, creditsReturned: 0 });
    expect(w.meter.counters.get('u1#day#2026-11-30')).toBe(2);
  });

  it('counts a reservation closed meanwhile as closed already, and one it cannot close as left open', async () => {
    const w = world();
    await w.open(reservation('a', 1), old);
    await w.open(reservation('b', 1), old);
    const release = w.meter.release.bind(w.meter);
    w.meter.release = async (entry, credits, b, options) => {
      if (entry.requestId === 'a') await release(entry, credits, b, options);
      if (entry.requestId === 'b') throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
      return release(entry, credits, b, options);
    };

    const report = await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget });

    expect(report).toEqual({ open: 2, closed: 0, alreadyClosed: 1, creditsReturned: 0, failed: 1, unfinished: false });
    expect(w.warnings).toEqual(['an open reservation could not be closed']);
    expect(w.logged).toEqual([{ request_id: 'b', error_name: 'ThrottlingException' }]);
  });

  it('reports the pass unfinished when a stale reservation could not be read, closing the others and leaving it for the next', async () => {
    const w = world();
    await w.open(reservation('read', 2, 'u1'), old);
    await w.open(reservation('throttled', 2, 'u1'), old);
    await w.open(reservation('elsewhere', 2, 'u2'), old);
    w.unread.add('throttled');

    const report = await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget });

    expect(report).toEqual({ open: 2, closed: 2, alreadyClosed: 0, creditsReturned: 4, failed: 0, unfinished: true });
    expect([...w.meter.open.keys()]).toEqual(['throttled']);
    expect(w.warnings).toEqual(['stale reservations could not be read; the next pass closes them']);
    // Another account's pass is not held up by it.
    expect(await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget, userId: 'u2' })).toMatchObject({ unfinished: false });
    w.unread.clear();
    expect(await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget })).toMatchObject({ closed: 1, unfinished: false });
  });

  it('reconciles one account when asked', async () => {
    const w = world();
    await w.open(reservation('mine', 1, 'u1'), old);
    await w.open(reservation('theirs', 1, 'u2'), old);
    const report = await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget, userId: 'u2' });
    expect(report).toMatchObject({ open: 1, closed: 1 });
    expect([...w.meter.open.keys()]).toEqual(['mine']);
  });

  it('closes a backlog page by page as it reads, and starts no close past its deadline, leaving the rest to the next pass', async () => {
    const w = world();
    for (let index = 0; index < 7; index++) await w.open(reservation(`r${index}`, 1, `u${index % 3}`), old);
    let clock = NOW.getTime();
    const closes: string[] = [];
    const release = w.meter.release.bind(w.meter);
    w.meter.release = async (entry, credits, b, options) => {
      closes.push(entry.requestId);
      clock += 10;
      return release(entry, credits, b, options);
    };
    const deps = { ...w.deps, now: () => new Date(clock) };
    // Pages of two, of two accounts each, closed side by side at 10 ms a close: two pages before the deadline, then
    // the pass stops and says so.
    const first = await reconcileReservations(deps, { days: [], staleAfterMs: 0, budget: { ...budget, deadline: NOW.getTime() + 25 } });
    expect(first).toMatchObject({ closed: 4, unfinished: true });
    expect(w.meter.open.size).toBe(3);
    const second = await reconcileReservations(deps, { days: [], staleAfterMs: 0, budget });
    expect(second).toMatchObject({ open: 3, closed: 3, unfinished: false });
    expect(w.meter.open.size).toBe(0);
    expect(new Set(closes).size).toBe(7);
  });

  it("closes one account's reservations one after another, and accounts side by side", async () => {
    const w = world();
    for (let index = 0; index < 6; index++) await w.open(reservation(`r${index}`, 1, `u${index % 2}`), old);
    let running = new Map<string, number>();
    let most = 0;
    let accountsAtOnce = 0;
    const release = w.meter.release.bind(w.meter);
    w.meter.release = async (entry, credits, b, options) => {
      const user = entry.userId;
      running.set(user, (running.get(user) ?? 0) + 1);
      most = Math.max(most, running.get(user) as number);
      accountsAtOnce = Math.max(accountsAtOnce, running.size);
      await new Promise((resolve) => setTimeout(resolve, 1));
      const result = await release(entry, credits, b, options);
      running.set(user, (running.get(user) as number) - 1);
      if (running.get(user) === 0) running.delete(user);
      return result;
    };
    running = new Map();
    expect(await reconcileReservations(w.deps, { days: [], staleAfterMs: 0, budget })).toMatchObject({ closed: 6 });
    expect(most).toBe(1);
    expect(accountsAtOnce).toBe(2);
  });

  it('names today and the days before it', () => {
    expect(recentDays(new Date('2026-12-01T00:30:00Z'), 3)).toEqual(['2026-12-01', '2026-11-30', '2026-11-29']);
    expect(recentDays(NOW, 1)).toEqual(['2026-11-30']);
  });
});

describe('recomputing a counter', () => {
  const counter = { userId: 'u1', kind: 'day' as const, window: '2026-11-30' };

  it('sets it to the usage records of its window plus what open reservations in it still hold beyond their records', async () => {
    const w = world();
    await w.open(reservation('open', 4), NOW);
    await w.open(reservation('other-day', 9, 'u1', '2026-11-29'), NOW);
    w.charged.set('open', 1);
    w.chargedByWindow.set('u1#2026-11-30', 6);
    w.meter.counters.set('u1#day#2026-11-30', 420);

    expect(await recomputeCounter(w.ledger, counter)).toEqual({ before: 420, after: 9 });
    expect(w.meter.counters.get('u1#day#2026-11-30')).toBe(9);
  });

  it('writes nothing when the counter is right, and creates a missing one', async () => {
    const w = world();
    expect(await recomputeCounter(w.ledger, counter)).toEqual({ before: 0, after: 0 });
    expect(w.writes).toEqual([]);
    w.chargedByWindow.set('u1#2026-11-30', 2);
    expect(await recomputeCounter(w.ledger, counter)).toEqual({ before: 0, after: 2 });
    expect(w.writes).toEqual([{ credits: 2, observed: undefined }]);
  });

  it('reads again when the counter changed while it read, and gives up on an account that stays busy', async () => {
    const w = world();
    w.chargedByWindow.set('u1#2026-11-30', 2);
    w.meter.counters.set('u1#day#2026-11-30', 7);
    const set = w.ledger.setCounter;
    let changes = 1;
    w.ledger.setCounter = async (...args) => {
      if (changes-- > 0) w.meter.counters.set('u1#day#2026-11-30', 8);
      return set(...args);
    };
    expect(await recomputeCounter(w.ledger, counter)).toEqual({ before: 8, after: 2 });
    expect(w.writes).toEqual([
      { credits: 2, observed: 7 },
      { credits: 2, observed: 8 },
    ]);

    w.meter.counters.set('u1#day#2026-11-30', 7);
    let attempts = 0;
    w.ledger.setCounter = async () => {
      attempts += 1;
      return false;
    };
    await expect(recomputeCounter(w.ledger, counter)).rejects.toThrow('the day counter 2026-11-30 of u1 kept changing');
    expect(attempts).toBe(5);
  });
});
