// Production wiring of the review backlog pass: config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createHeldQueueReader } from '../../adapters/held-queue.js';
import type { BacklogReader } from '../../referrals/review-backlog.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const ReviewBacklogConfigSchema = v.object({ ...CommonConfigSchema.entries, REFERRALS_TABLE: requiredVariable });

export type ReviewBacklogDeps = { backlog: BacklogReader; now: () => Date };

export const createReviewBacklogDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): ReviewBacklogDeps => {
  const config = readConfig(ReviewBacklogConfigSchema, env);
  return { backlog: createHeldQueueReader(client ?? clientFor(config), config.REFERRALS_TABLE), now: () => new Date() };
};
