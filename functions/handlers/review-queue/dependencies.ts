// Production wiring of the review-queue functions (list and read): config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createMeterStore } from '../../adapters/meter-store.js';
import { createReferralReader } from '../../adapters/referral-queue.js';
import { QUEUE_INDEX, STATUS_INDEX } from '../../adapters/referrals-table.js';
import type { MeterDeps } from '../../billing/admission.js';
import { plans } from '../../billing/plans.js';
import type { ReferralReader } from '../../referrals/ports.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const ReviewQueueConfigSchema = v.object({
  ...CommonConfigSchema.entries,
  REFERRALS_TABLE: requiredVariable,
  USAGE_TABLE: requiredVariable,
  /** The index the list reads: by-status only while a deployed table is switched away from it (lib/tables.ts). */
  QUEUE_SOURCE: v.optional(v.picklist([QUEUE_INDEX, STATUS_INDEX]), QUEUE_INDEX),
});

export type ReviewQueueDeps = MeterDeps & { referrals: ReferralReader };

export const createReviewQueueDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ReviewQueueDeps => {
  const config = readConfig(ReviewQueueConfigSchema, env);
  const db = client ?? clientFor(config);
  const tables = { referrals: config.REFERRALS_TABLE, usage: config.USAGE_TABLE };
  return {
    referrals: createReferralReader(db, tables, config.QUEUE_SOURCE),
    meter: createMeterStore(db, tables),
    plans,
    now: () => new Date(),
  };
};
