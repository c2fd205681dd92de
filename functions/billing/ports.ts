// What metering needs from storage, in the billing domain's own words; the DynamoDB adapter implements it.
import type { Charge } from './charge.js';

export type RequestCount = { admitted: boolean; used: number };

/** Why a charge did not fit: the day's cap, the month's included credits, or other requests holding the counters. */
export type ChargeRefusal = 'daily_cap' | 'included_credits';

export type ChargeCommit = { committed: true } | { committed: false; refusal: ChargeRefusal | 'contention' };

export type MeterStore = {
  /** Counts one request in the window unless the window is full; atomic, never read-then-write. */
  countRequest(userId: string, window: string, limit: number, expiresAt: number): Promise<RequestCount>;
  readMonthCredits(userId: string, window: string): Promise<number>;
  /** Writes the usage record and both counters together, under the counters' ceilings. */
  commitCharge(charge: Charge): Promise<ChargeCommit>;
};
