// A bulk decision's request: its ids, reason and reason code, at most how many ids, and what makes two requests the same.
import { fingerprintOf } from '../idempotency/record.js';
import type { Decision } from './decision.js';

export const MAX_BULK_IDS = 100;
export type BulkDecisionRequest = { ids: string[]; reason?: string; reasonCode?: string; idempotencyKey?: string };

/** A bulk reject's fingerprint is the one it always had; an approval's names its decision. */
export const bulkFingerprint = (decision: Decision, request: BulkDecisionRequest): string =>
  fingerprintOf([
    decision.action === 'reject' ? 'bulk' : `bulk-${decision.action}`,
    request.ids,
    request.reason ?? null,
    ...(request.reasonCode === undefined ? [] : [request.reasonCode]),
  ]);
