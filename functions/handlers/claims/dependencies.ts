// Production wiring of the claim functions (claim, release, claim-next): the decisions' connection, with the claims'
// stores.
import type { DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createIdempotencyStore } from '../../adapters/idempotency-store.js';
import { createClaimNextStore, createClaimStore } from '../../adapters/referral-claims.js';
import type { MeterDeps } from '../../billing/admission.js';
import type { ClaimNextDeps } from '../../referrals/claim-next.js';
import type { ClaimDeps } from '../../referrals/claim-one.js';
import { connect } from '../review/dependencies.js';

export type ClaimHandlerDeps = ClaimDeps & MeterDeps;

export const createClaimDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ClaimHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, referrals: createClaimStore(db, tables), idempotency: createIdempotencyStore(db, tables) };
};

export type ClaimNextHandlerDeps = MeterDeps & ClaimNextDeps;

export const createClaimNextDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ClaimNextHandlerDeps => {
  const { db, tables, metered } = connect(env, client);
  return { ...metered, referrals: createClaimNextStore(db, tables) };
};
