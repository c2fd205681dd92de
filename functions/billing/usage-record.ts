// The billing usage record: one per successful request, written in the same transaction as the change it bills.
import type { Principal } from '../auth/principal.js';

export type UsageRecord = {
  request_id: string;
  credits: number;
  user_id: string;
  /** The API key id, or the JWT subject. */
  subject_id: string;
  auth_method: Principal['authMethod'];
  plan: Principal['plan'];
  endpoint: string;
  status_code: number;
  overage: boolean;
  created_at: string;
  /** Set on a bulk reject's records: one per rejected referral, under the bulk request's id. */
  attribution_id?: string;
};

export const buildUsageRecord = (input: {
  requestId: string;
  principal: Principal;
  endpoint: string;
  statusCode: number;
  credits: number;
  overage: boolean;
  now: Date;
}): UsageRecord => ({
  request_id: input.requestId,
  credits: input.credits,
  user_id: input.principal.userId,
  subject_id: input.principal.subjectId,
  auth_method: input.principal.authMethod,
  plan: input.principal.plan,
  endpoint: input.endpoint,
  status_code: input.statusCode,
  overage: input.overage,
  created_at: input.now.toISOString(),
});
