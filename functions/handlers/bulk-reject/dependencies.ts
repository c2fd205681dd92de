// Production wiring of the bulk reject function: config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyClaims } from '../../adapters/idempotency-store.js';
import { createMeterStore } from '../../adapters/meter-store.js';
import { createBulkReferralStore } from '../../adapters/referral-store.js';
import type { MeterDeps } from '../../billing/admission.js';
import { plans } from '../../billing/plans.js';
import type { BulkDeps } from '../../referrals/reject-many.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const BulkConfigSchema = v.object({ ...CommonConfigSchema.entries, REFERRALS_TABLE: requiredVariable, USAGE_TABLE: requiredVariable });

export type BulkHandlerDeps = Omit<BulkDeps, 'log' | 'meter'> & MeterDeps & { meter: BulkDeps['meter'] & MeterDeps['meter'] };

export const createBulkDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): BulkHandlerDeps => {
  const config = readConfig(BulkConfigSchema, env);
  const db = client ?? clientFor(config);
  const tables = { referrals: config.REFERRALS_TABLE, usage: config.USAGE_TABLE };
  return {
    referrals: createBulkReferralStore(db, tables),
    meter: createMeterStore(db, tables),
    idempotency: createIdempotencyClaims(db, tables),
    plans,
    now: () => new Date(),
  };
};
