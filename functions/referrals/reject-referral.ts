// The reject use case: admission, one parallel read, the reject plan, and its single transaction.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Principal } from '../auth/principal.js';
import { creditsExhausted, dailyCapReached, monthlyCharge, monthWindow, type MonthlyCharge, type RateLimitState } from '../billing/metering.js';
import { allowsOverage, type PlanTable } from '../billing/plans.js';
import { RejectCancelled, type ReferralStore } from '../adapters/referral-store.js';
import type { UsageStore } from '../adapters/usage-store.js';
import { ApiError, isApiError } from '../shared/api-error.js';
import { jsonHeaders } from '../shared/envelope.js';
import { isLive, replayStoredResponse, type StoredResponse } from './idempotency.js';
import { planRejection } from './reject-plan.js';
import type { RejectRequest } from './reject-request.js';
import { notFound, notRejectable } from './reject-transition.js';

export type RejectDeps = {
  referrals: ReferralStore;
  usage: UsageStore;
  plans: PlanTable;
  now: () => Date;
};

export type RejectCall = {
  request: RejectRequest;
  principal: Principal;
  requestId: string;
  /** Resolves once the rate limiter admitted the request; rejects with 429 when it did not. */
  admission: Promise<RateLimitState>;
};

const respond = (requestId: string, stored: StoredResponse, replayed: boolean): APIGatewayProxyResult => ({
  statusCode: stored.statusCode,
  headers: { ...jsonHeaders(requestId), ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  body: stored.body,
});

export const rejectReferral = async (deps: RejectDeps, call: RejectCall): Promise<APIGatewayProxyResult> => {
  const { request, principal, requestId } = call;
  const now = deps.now();
  const plan = deps.plans[principal.plan];
  const [, state, usedThisMonth, stored] = await Promise.all([
    call.admission,
    deps.referrals.loadReviewState(request.attributionId),
    deps.usage.readMonthCredits(principal.userId, monthWindow(now).id),
    request.idempotencyKey === undefined
      ? undefined
      : deps.usage.readIdempotencyRecord(principal.userId, request.idempotencyKey),
  ]);
  if (isLive(stored, now)) return respond(requestId, replayStoredResponse(stored, request), true);

  let charge: MonthlyCharge = monthlyCharge(plan, principal.overageEnabled, usedThisMonth, now);
  const planFor = (c: MonthlyCharge) => planRejection({ request, principal, plan, charge: c, state, requestId, now });
  let outcome;
  try {
    outcome = planFor(charge);
  } catch (error) {
    // A concurrent request with the same key may have committed between our two parallel reads:
    // the referral read saw its result, the idempotency read did not. Look once more before answering 409.
    if (request.idempotencyKey !== undefined && isApiError(error) && error.type === 'conflict') {
      const committed = await deps.usage.readIdempotencyRecord(principal.userId, request.idempotencyKey);
      if (isLive(committed, now)) return respond(requestId, replayStoredResponse(committed, request), true);
    }
    throw error;
  }
  for (;;) {
    try {
      await deps.referrals.commitRejection(outcome.write);
      return respond(requestId, outcome.response, false);
    } catch (error) {
      if (!(error instanceof RejectCancelled)) throw error;
      const reason = error.reason;
      switch (reason.kind) {
        case 'idempotency_replay':
          return respond(requestId, replayStoredResponse(reason.record, request), true);
        case 'attribution_missing':
          throw notFound(request.attributionId);
        case 'attribution_status':
          throw notRejectable(request.attributionId, reason.status);
        case 'daily_cap':
          throw dailyCapReached(plan, now);
        case 'included_credits':
          // Concurrent requests took the last included credits after our read.
          if (charge.overage || !allowsOverage(plan, principal.overageEnabled)) throw creditsExhausted(plan, now);
          charge = { overage: true, includedLimit: null };
          outcome = planFor(charge);
          continue;
        case 'contention':
          throw new ApiError(request.idempotencyKey === undefined ? 'concurrent_update' : 'request_in_progress');
      }
    }
  }
};
