// Brings the day and month counters back to the usage records: closes the reservations bulk requests left open, and
// recomputes a counter from the records when asked.
import { mapWithConcurrency } from '../shared/concurrency.js';
import type { WriteBudget } from '../shared/write-budget.js';
import type { CreditReservations, Reservation } from './ports.js';

/** An open reservation as its record holds it: what was reserved, and when. */
export type OpenReservation = { reservation: Reservation; credits: number; reservedAt: Date };

/** One page of stale reservations: those still open, and those its read could not get to (throttled) by the deadline. */
export type StalePage = { open: OpenReservation[]; unread: { userId: string; requestId: string }[] };

export type ReservationLedger = {
  /**
   * The reservations still open among those made on the given days (UTC, YYYY-MM-DD) no later than `before`, a page
   * at a time, oldest first: a backlog is closed as it is read, and young reservations are never read. No resend of
   * an unread one starts after the deadline (epoch ms).
   */
  staleOpen(days: string[], before: Date, deadline: number): AsyncIterable<StalePage>;
  /** The credits a request's usage records charged, read consistently. */
  chargedCredits(userId: string, requestId: string): Promise<number>;
};

/**
 * A reservation is left to the reconciler once its bulk request cannot be running any more: well past the functions'
 * 10-second timeout, so that its usage records are final.
 */
export const STALE_AFTER_MS = 60_000;

/** The UTC days a pass looks at: today's and the days before it, `count` in all. */
export const recentDays = (now: Date, count: number): string[] =>
  Array.from({ length: count }, (_, back) => new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10));

export type ReconcileDeps = {
  ledger: ReservationLedger;
  meter: CreditReservations;
  now: () => Date;
  log: { warn(message: string, attributes: Record<string, unknown>): void };
};

export type ReconcileReport = {
  /** Stale reservations read (of the account, when one is asked for). */
  open: number;
  closed: number;
  alreadyClosed: number;
  creditsReturned: number;
  failed: number;
  /** The pass ran out of time, or could not read some stale reservations, with stale reservations left: the next pass goes on. */
  unfinished: boolean;
};

/** Accounts whose reservations close side by side; one account's close one after another, on the same counters. */
export const RECONCILE_CONCURRENCY = 8;

/**
 * Closes every stale open reservation, giving back what its usage records did not charge. Each close is the release's
 * own conditional write: a reservation its request or another pass closed meanwhile gives back nothing more. It
 * closes as it reads, and starts no close past the budget's deadline.
 */
export const reconcileReservations = async (
  deps: ReconcileDeps,
  options: { days: string[]; staleAfterMs: number; budget: WriteBudget; userId?: string },
): Promise<ReconcileReport> => {
  const report: ReconcileReport = { open: 0, closed: 0, alreadyClosed: 0, creditsReturned: 0, failed: 0, unfinished: false };
  const close = async (entry: OpenReservation) => {
    const { userId, requestId } = entry.reservation;
    try {
      const unused = Math.max(0, entry.credits - (await deps.ledger.chargedCredits(userId, requestId)));
      const outcome = await deps.meter.release(entry.reservation, unused, options.budget);
      if (outcome === 'already_released') report.alreadyClosed += 1;
      else {
        report.closed += 1;
        report.creditsReturned += unused;
      }
    } catch (error) {
      // Left open for the next pass.
      report.failed += 1;
      deps.log.warn('an open reservation could not be closed', { request_id: requestId, error_name: (error as Error).name });
    }
  };
  const stale = new Date(deps.now().getTime() - options.staleAfterMs);
  const asked = (userId: string) => options.userId === undefined || userId === options.userId;
  for await (const page of deps.ledger.staleOpen(options.days, stale, options.budget.deadline)) {
    const entries = page.open.filter((entry) => asked(entry.reservation.userId));
    const unread = page.unread.filter((entry) => asked(entry.userId));
    if (unread.length > 0) {
      // Never skipped as if closed: the pass reports them, and the next one reads them again.
      report.unfinished = true;
      deps.log.warn('stale reservations could not be read; the next pass closes them', { unread: unread.length });
    }
    report.open += entries.length;
    const byAccount = new Map<string, OpenReservation[]>();
    for (const entry of entries) byAccount.set(entry.reservation.userId, [...(byAccount.get(entry.reservation.userId) ?? []), entry]);
    let outOfTime = false;
    await mapWithConcurrency([...byAccount.values()], RECONCILE_CONCURRENCY, async (account) => {
      for (const entry of account) {
        if (deps.now().getTime() >= options.budget.deadline) {
          outOfTime = true;
          return;
        }
        await close(entry);
      }
    });
    if (outOfTime) {
      report.unfinished = true;
      break;
    }
  }
  return report;
};

export type CounterKind = 'day' | 'month';

export type CounterLedger = ReservationLedger & {
  /** Credits charged by the account's usage records created in the window (a UTC day YYYY-MM-DD or month YYYY-MM). */
  chargedIn(userId: string, window: string): Promise<number>;
  /** The account's open reservations, read consistently. */
  openOf(userId: string): Promise<OpenReservation[]>;
  readCounter(userId: string, kind: CounterKind, window: string): Promise<number | undefined>;
  /** Sets the counter to `credits` if it still holds `observed` (undefined: not written yet); false when it changed. */
  setCounter(userId: string, kind: CounterKind, window: string, credits: number, observed: number | undefined): Promise<boolean>;
};

const RECOMPUTE_ATTEMPTS = 5;

/**
 * Recomputes a counter from the truth: the credits the usage records of its window charged, plus what open
 * reservations still hold beyond their own records. It writes only if the counter did not change while it read,
 * and tries again if it did; an account that stays busy throughout is reported, not overwritten.
 */
export const recomputeCounter = async (
  ledger: CounterLedger,
  counter: { userId: string; kind: CounterKind; window: string },
): Promise<{ before: number; after: number }> => {
  const { userId, kind, window } = counter;
  for (let attempt = 1; attempt <= RECOMPUTE_ATTEMPTS; attempt++) {
    const observed = await ledger.readCounter(userId, kind, window);
    const charged = await ledger.chargedIn(userId, window);
    let held = 0;
    for (const open of await ledger.openOf(userId)) {
      if (open.reservation[kind].window !== window) continue;
      held += Math.max(0, open.credits - (await ledger.chargedCredits(userId, open.reservation.requestId)));
    }
    const truth = charged + held;
    if (truth === (observed ?? 0)) return { before: truth, after: truth };
    if (await ledger.setCounter(userId, kind, window, truth, observed)) return { before: observed ?? 0, after: truth };
  }
  throw new Error(
    `the ${kind} counter ${window} of ${userId} kept changing while it was recomputed; run it again when the account is quiet`,
  );
};
