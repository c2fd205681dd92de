// Production wiring of the single-decision functions, reject and approve: config read once, one DynamoDB client per
// container. The bulk functions' wiring (bulk-dependencies.ts) connects the same way.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../../adapters/idempotency-store.js';
import { createMeterStore } from '../../adapters/meter-store.js';
import { createReferralStore } from '../../adapters/referral-store.js';
import type { MeterDeps } from '../../billing/admission.js';
import { plans } from '../../billing/plans.js';
import type { DecisionDeps } from '../../referrals/decide-one.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const DecisionConfigSchema = v.object({
  ...CommonConfigSchema.entries,
  REFERRALS_TABLE: requiredVariable,
  USAGE_TABLE: requiredVariable,
});

/** The client and tables, and what every decision function meters with. */
export const connect = (env: NodeJS.ProcessEnv, client: DynamoDBDocumentClient | undefined) => {
  const config = readConfig(DecisionConfigSchema, env);
  const db = client ?? clientFor(config);
  const tables = { referrals: config.REFERRALS_TABLE, usage: config.USAGE_TABLE };
  return { db, tables, metered: { meter: createMeterStore(db, tables), plans, now: () => new Date() } };
};

export type DecisionHandlerDeps = DecisionDeps & MeterDeps;

export const createDecisionDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): DecisionHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, referrals: createReferralStore(db, tables), idempotency: createIdempotencyStore(db, tables) };
};
