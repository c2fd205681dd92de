// The reject write plan: the attribution change, its charge and its idempotency record, committed all or nothing.
import type { Charge } from '../billing/charge.js';
import type { AttributionStatus } from './attribution.js';
import type { IdempotencyRecord } from './idempotency.js';
import type { RejectionChanges } from './reject-transition.js';

export type RejectWritePlan = {
  attributionId: string;
  expectedStatus: AttributionStatus;
  changes: RejectionChanges;
  charge: Charge;
  idempotency?: IdempotencyRecord;
};
