// The billing usage record: one per successful request at its route's price, written in the same transaction as the
// change it bills.
import type { Principal } from '../auth/principal.js';

/**
 * What a success costs: the endpoint it is recorded under, its credits (a bulk route's, per item it changes), and the
 * status the route answers it with, which its usage record keeps.
 */
export type Price = { endpoint: string; credits: number; statusCode: number };

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

/** The record of one success at its price: the endpoint, its credits, and the status the route answered it with. */
export const buildUsageRecord = (input: {
  requestId: string;
  principal: Principal;
  price: Price;
  overage: boolean;
  now: Date;
}): UsageRecord => ({
  request_id: input.requestId,
  credits: input.price.credits,
  user_id: input.principal.userId,
  subject_id: input.principal.subjectId,
  auth_method: input.principal.authMethod,
  plan: input.principal.plan,
  endpoint: input.price.endpoint,
  status_code: input.price.statusCode,
  overage: input.overage,
  created_at: input.now.toISOString(),
});
