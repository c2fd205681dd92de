// Production wiring of the reject function: config read once, one DynamoDB client per container.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { createDocumentClient } from '../adapters/dynamodb-client.js';
import { createReferralStore } from '../adapters/referral-store.js';
import { createUsageStore } from '../adapters/usage-store.js';
import { plans } from '../billing/plans.js';
import type { RejectDeps } from '../referrals/reject-referral.js';
import { readConfig, requiredVariable } from '../shared/config.js';

const RejectConfigSchema = v.object({
  REFERRALS_TABLE: requiredVariable,
  USAGE_TABLE: requiredVariable,
});

export const createRejectDeps = (
  env: NodeJS.ProcessEnv = process.env,
  client: DynamoDBDocumentClient = createDocumentClient(),
): RejectDeps => {
  const config = readConfig(RejectConfigSchema, env);
  return {
    referrals: createReferralStore(client, { referrals: config.REFERRALS_TABLE, usage: config.USAGE_TABLE }),
    usage: createUsageStore(client, { usage: config.USAGE_TABLE }),
    plans,
    now: () => new Date(),
  };
};
