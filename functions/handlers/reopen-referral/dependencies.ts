// Production wiring of the reopen function: the decisions' connection, with the reopen store.
import type { DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../../adapters/idempotency-store.js';
import { createReopenStore } from '../../adapters/referral-reopen.js';
import type { MeterDeps } from '../../billing/admission.js';
import type { ReopenDeps } from '../../referrals/reopen.js';
import { connect } from '../review/dependencies.js';

export type ReopenHandlerDeps = ReopenDeps & MeterDeps;

export const createReopenDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ReopenHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, referrals: createReopenStore(db, tables), idempotency: createIdempotencyStore(db, tables) };
};
