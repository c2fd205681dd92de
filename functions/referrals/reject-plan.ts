// The reject write plan: the attribution change, its activity item, its charge and its idempotency record, all or nothing.
import type { Charge } from '../billing/charge.js';
import type { Activity } from './activity.js';
import type { AttributionStatus } from './attribution.js';
import type { IdempotencyRecord } from './idempotency.js';
import type { RejectionChanges } from './reject-transition.js';

export type RejectWritePlan = {
  attributionId: string;
  expectedStatus: AttributionStatus;
  changes: RejectionChanges;
  /** The audit item, written once in the same transaction. */
  activity: Activity;
  charge: Charge;
  idempotency?: IdempotencyRecord;
};
