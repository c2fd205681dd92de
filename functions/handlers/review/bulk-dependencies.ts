// Production wiring of the bulk-decision functions, reject and approve: the same connection as a single decision's,
// with the bulk use case's stores.

import type { DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyClaims } from '../../adapters/idempotency-store.js';
import { createBulkReferralStore } from '../../adapters/referral-store.js';
import type { MeterDeps } from '../../billing/admission.js';
import type { BulkDeps } from '../../referrals/decide-many.js';
import { connect } from './dependencies.js';

export type BulkHandlerDeps = Omit<BulkDeps, 'log' | 'meter'> & MeterDeps & { meter: BulkDeps['meter'] & MeterDeps['meter'] };

export const createBulkDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): BulkHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, referrals: createBulkReferralStore(db, tables), idempotency: createIdempotencyClaims(db, tables) };
};
