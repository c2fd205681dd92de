// Production wiring of the reconciler: config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { createCounterLedger } from '../../adapters/counter-ledger.js';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createMeterStore } from '../../adapters/meter-store.js';
import type { ReconcileDeps } from '../../billing/reconcile.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const ReconcilerConfigSchema = v.object({ ...CommonConfigSchema.entries, USAGE_TABLE: requiredVariable });

export type ReconcilerDeps = Omit<ReconcileDeps, 'log'>;

export const createReconcilerDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ReconcilerDeps => {
  const config = readConfig(ReconcilerConfigSchema, env);
  const db = client ?? clientFor(config);
  const tables = { usage: config.USAGE_TABLE };
  return { ledger: createCounterLedger(db, tables), meter: createMeterStore(db, tables), now: () => new Date() };
};
