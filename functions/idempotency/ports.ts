// What idempotency needs from storage: a record read for a single-write request, and claim-then-complete for a request
// that writes more than one transaction. The DynamoDB adapter (adapters/idempotency-store.ts) implements both.
import type { WriteBudget } from '../shared/write-budget.js';
import type { IdempotencyRecord } from './record.js';

export type IdempotencyStore = {
  read(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
};

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'completed'; record: IdempotencyRecord }
  | { kind: 'in_progress'; fingerprint: string; expiresAt: number };

export type ClaimHolder = { userId: string; key: string; claimId: string };

/** Claim-then-complete idempotency, for a request that writes more than one transaction. */
export type IdempotencyClaims = {
  /** Takes the key for this request for a lease, or says who holds it. */
  claim(input: ClaimHolder & { fingerprint: string; now: Date }, budget: WriteBudget): Promise<IdempotencyClaim>;
  /** Stores the result in place of this request's claim. */
  complete(input: ClaimHolder & { record: IdempotencyRecord }, budget: WriteBudget): Promise<void>;
  /** Gives the key back, so that a retry is not held up for the lease. */
  abandon(input: ClaimHolder, budget: WriteBudget): Promise<void>;
};
