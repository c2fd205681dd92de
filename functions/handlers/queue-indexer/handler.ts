// DynamoDB stream → the review queue index: places every attribution whose status entered or left a listed status,
// whoever wrote it (the referral pipeline writes the table too), reporting partial batch failures.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { placeStreamBatch } from '../../adapters/queue-placement.js';
import { toAttributionChange } from '../../adapters/stream-records.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { createQueueIndexerDeps, type QueueIndexerDeps } from './dependencies.js';

export const createHandler = (deps: QueueIndexerDeps, { logger, metrics }: Observability = createObservability()) =>
  middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const result = await placeStreamBatch(deps.placer, event.Records.map(toAttributionChange));
    metrics.addMetric('QueuePlacements', MetricUnit.Count, result.written);
    if (result.failed) {
      metrics.addMetric('QueuePlacementFailures', MetricUnit.Count, result.failed);
      logger.warn('queue placements failed; the batch is retried from the earliest', { ...result, records: event.Records.length });
    } else logger.info('stream batch placed', { ...result, records: event.Records.length });
    // The lowest failed sequence number is where Lambda resumes: https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
    return { batchItemFailures: result.failedFrom ? [{ itemIdentifier: result.failedFrom }] : [] };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

export const handler = createHandler(createQueueIndexerDeps());
