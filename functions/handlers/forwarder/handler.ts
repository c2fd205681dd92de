// DynamoDB stream → EventBridge: forwards new activity items as `referral.rejected` and `referral.approved` events, and
// new hold items as `referral.review_opened`, reporting partial batch failures.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { toActivityRecord } from '../../adapters/stream-records.js';
import { forwardActivity } from '../../events/forward-activity.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { createForwarderDeps, type ForwarderDeps } from './dependencies.js';

export const createHandler = (deps: ForwarderDeps, { logger, metrics }: Observability = createObservability()) =>
  middy(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const result = await forwardActivity(
      { ...deps, log: logger, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      event.Records.map(toActivityRecord),
    );
    metrics.addMetric('EventsPublished', MetricUnit.Count, result.published);
    if (result.deadLettered) metrics.addMetric('EventsDeadLettered', MetricUnit.Count, result.deadLettered);
    logger.info('stream batch forwarded', { ...result, records: event.Records.length });
    // The lowest failed sequence number is where Lambda resumes: https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
    return { batchItemFailures: result.failedFrom ? [{ itemIdentifier: result.failedFrom }] : [] };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

export const handler = createHandler(createForwarderDeps());
