// Production wiring of the reject function: config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../../adapters/idempotency-store.js';
import { createMeterStore } from '../../adapters/meter-store.js';
import { createReferralStore } from '../../adapters/referral-store.js';
import type { MeterDeps } from '../../billing/admission.js';
import { plans } from '../../billing/plans.js';
import type { RejectDeps } from '../../referrals/reject-one.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const RejectConfigSchema = v.object({
  ...CommonConfigSchema.entries,
  REFERRALS_TABLE: requiredVariable,
  USAGE_TABLE: requiredVariable,
});

export type RejectHandlerDeps = RejectDeps & MeterDeps;

export const createRejectDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): RejectHandlerDeps => {
  const config = readConfig(RejectConfigSchema, env);
  const db = client ?? clientFor(config);
  const tables = { referrals: config.REFERRALS_TABLE, usage: config.USAGE_TABLE };
  return {
    referrals: createReferralStore(db, tables),
    idempotency: createIdempotencyStore(db, tables),
    meter: createMeterStore(db, tables),
    plans,
    now: () => new Date(),
  };
};
