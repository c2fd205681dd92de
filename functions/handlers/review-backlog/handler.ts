// EventBridge Scheduler → the review backlog's metrics: how many referrals wait in review (HeldCount) and how long the
// oldest has waited (OldestHeldAgeSeconds), per stage, which the review SLA alarm and the dashboard read.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { type BacklogReport, measureBacklog } from '../../referrals/review-backlog.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { createReviewBacklogDeps, type ReviewBacklogDeps } from './dependencies.js';

export const createHandler = (deps: ReviewBacklogDeps, { logger, metrics }: Observability = createObservability()) =>
  middy(async (): Promise<BacklogReport> => {
    const report = await measureBacklog(deps);
    // Both every pass, 0 included: the alarm and the graph tell an empty queue from a pass that did not run.
    metrics.addMetric('OldestHeldAgeSeconds', MetricUnit.Seconds, report.oldestHeldAgeSeconds);
    metrics.addMetric('HeldCount', MetricUnit.Count, report.heldCount);
    if (report.shardsCut) logger.warn('the backlog is past what a pass reads: HeldCount is a floor', { ...report });
    else logger.info('review backlog measured', { ...report });
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

export const handler = createHandler(createReviewBacklogDeps());
