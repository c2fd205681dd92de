// Turns a reject request into a write plan: the attribution change, the usage record, the counters and the idempotency record, all-or-nothing.
import type { Principal } from '../auth/principal.js';
import { counterExpiry, dayWindow, monthWindow, type MonthlyCharge } from '../billing/metering.js';
import type { Plan } from '../billing/plans.js';
import { CREDITS_PER_REQUEST } from '../billing/plans.js';
import { buildUsageRecord, type UsageRecord } from '../billing/usage-record.js';
import { successEnvelope } from '../shared/envelope.js';
import type { Attribution, AttributionStatus, Reward } from './attribution.js';
import { buildIdempotencyRecord, type IdempotencyRecord, type StoredResponse } from './idempotency.js';
import { REJECTABLE_STATUS, rejectAttribution, rejectionChanges, type RejectionChanges } from './reject-transition.js';
import type { RejectRequest } from './reject-request.js';

export const REJECT_ENDPOINT = 'POST /api/v1/admin/referrals/{id}/reject';

export type CounterIncrement = {
  window: string;
  credits: number;
  /** The counter must stay at or under this after the increment; null means unbounded. */
  ceiling: number | null;
  expiresAt: number;
};

export type RejectWritePlan = {
  attributionId: string;
  expectedStatus: AttributionStatus;
  changes: RejectionChanges;
  userId: string;
  usage: UsageRecord;
  day: CounterIncrement;
  month: CounterIncrement;
  idempotency?: IdempotencyRecord;
};

export type RejectOutcome = { response: StoredResponse; write: RejectWritePlan };

export type ReviewState = { attribution: Attribution | undefined; rewards: Reward[] };

const DAY_COUNTER_MARGIN_SECONDS = 2 * 24 * 60 * 60;
const MONTH_COUNTER_MARGIN_SECONDS = 35 * 24 * 60 * 60;

export const planRejection = (input: {
  request: RejectRequest;
  principal: Principal;
  plan: Plan;
  charge: MonthlyCharge;
  state: ReviewState;
  requestId: string;
  now: Date;
}): RejectOutcome => {
  const { request, principal, plan, charge, state, requestId, now } = input;
  const reject = { attributionId: request.attributionId, reason: request.reason, reviewer: principal.userId, now };
  const rejected = rejectAttribution(state.attribution, reject);
  const statusCode = 200;
  const response: StoredResponse = {
    statusCode,
    body: JSON.stringify(successEnvelope(requestId, { attribution: rejected, rewards: state.rewards }, statusCode)),
  };
  const day = dayWindow(now);
  const month = monthWindow(now);
  return {
    response,
    write: {
      attributionId: request.attributionId,
      expectedStatus: REJECTABLE_STATUS,
      changes: rejectionChanges(reject),
      userId: principal.userId,
      usage: buildUsageRecord({ requestId, principal, endpoint: REJECT_ENDPOINT, statusCode, overage: charge.overage, now }),
      day: { window: day.id, credits: CREDITS_PER_REQUEST, ceiling: plan.dailyCap, expiresAt: counterExpiry(day, DAY_COUNTER_MARGIN_SECONDS) },
      month: { window: month.id, credits: CREDITS_PER_REQUEST, ceiling: charge.includedLimit, expiresAt: counterExpiry(month, MONTH_COUNTER_MARGIN_SECONDS) },
      ...(request.idempotencyKey === undefined
        ? {}
        : { idempotency: buildIdempotencyRecord(request.idempotencyKey, request, response, now) }),
    },
  };
};
