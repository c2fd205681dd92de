// What metering needs from storage, in the billing domain's own words; the DynamoDB adapter implements it.
import type { WriteBudget } from '../shared/write-budget.js';
import type { UsageRecord } from './usage-record.js';

export type CounterIncrement = {
  window: string;
  credits: number;
  /** The counter must stay at or under this after the increment; null means unbounded. */
  ceiling: number | null;
  expiresAt: number;
};

export type Charge = {
  userId: string;
  usage: UsageRecord;
  day: CounterIncrement;
  month: CounterIncrement;
};

export type RequestCount = { admitted: boolean; used: number };

/** Why a charge did not fit: the day's cap, the month's included credits, or other requests holding the counters. */
export type ChargeRefusal = 'daily_cap' | 'included_credits';

export type ChargeCommit = { committed: true } | { committed: false; refusal: ChargeRefusal | 'contention' };

export type MeterStore = {
  /** Counts one request in the window unless the window is full; atomic, never read-then-write. */
  countRequest(userId: string, window: string, limit: number, expiresAt: number): Promise<RequestCount>;
  readMonthCredits(userId: string, window: string): Promise<number>;
  /** Writes the usage record and both counters together, under the counters' ceilings; unknown at the deadline throws WriteOutcomeUnknown. */
  commitCharge(charge: Charge, budget: WriteBudget): Promise<ChargeCommit>;
};

/** Credits reserved on the day and month counters, in one step, before the writes they pay for. */
export type Reservation = { userId: string; requestId: string; day: CounterIncrement; month: CounterIncrement };

/** Released now, or found closed already (by a resend whose answer was lost, or by the reconciler). */
export type ReleaseOutcome = 'released' | 'already_released';

export type ReservationCommit = { reserved: true } | { reserved: false; refusal: ChargeRefusal | 'contention' };

export type CreditReservations = {
  /** The month's credits, read consistently: a reservation refused on the included credits is planned again from it. */
  readMonthCredits: MeterStore['readMonthCredits'];
  /** Adds the credits to both counters under their ceilings, both or neither. */
  reserve(reservation: Reservation, budget: WriteBudget): Promise<ReservationCommit>;
  /**
   * Gives back unused credits, exactly once, whoever gives them. `close` deletes the reservation; without it the
   * reservation stays open holding the rest, for credits whose use is unknown yet. Until it runs the counters
   * over-count, never under-count, and the open reservation is the pending correction the reconciler applies.
   */
  release(reservation: Reservation, credits: number, budget: WriteBudget, options?: { close: boolean }): Promise<ReleaseOutcome>;
};
