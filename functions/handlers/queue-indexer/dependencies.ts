// Production wiring of the queue indexer: config read once, one DynamoDB client per container.
import * as v from 'valibot';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createQueuePlacer, type QueuePlacer } from '../../adapters/queue-placement.js';
import { CommonConfigSchema, readConfig, requiredVariable } from '../../shared/config.js';

const QueueIndexerConfigSchema = v.object({ ...CommonConfigSchema.entries, REFERRALS_TABLE: requiredVariable });

export type QueueIndexerDeps = { placer: QueuePlacer };

export const createQueueIndexerDeps = (env: NodeJS.ProcessEnv = process.env, client?: DynamoDBDocumentClient): QueueIndexerDeps => {
  const config = readConfig(QueueIndexerConfigSchema, env);
  return { placer: createQueuePlacer(client ?? clientFor(config), config.REFERRALS_TABLE) };
};
