// EventBridge Scheduler → closes the credit reservations bulk requests left open, so that the counters come back to the usage records.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type ReconcileReport, recentDays, reconcileReservations, STALE_AFTER_MS } from '../../billing/reconcile.js';
import { createObservability, type Observability } from '../../shared/observability.js';
import { writeBudget } from '../../shared/write-budget.js';
import { createReconcilerDeps, type ReconcilerDeps } from './dependencies.js';

/** Today's and yesterday's reservations: a pass every few minutes never leaves one older than that. */
const DAYS_PER_PASS = 2;

export const createHandler = (deps: ReconcilerDeps, { logger, metrics }: Observability = createObservability()) =>
  middy(async (_event: unknown, context: Context): Promise<ReconcileReport> => {
    const report = await reconcileReservations(
      { ...deps, log: logger },
      {
        days: recentDays(deps.now(), DAYS_PER_PASS),
        staleAfterMs: STALE_AFTER_MS,
        budget: writeBudget(Date.now() + context.getRemainingTimeInMillis(), logger),
      },
    );
    metrics.addMetric('ReservationsClosed', MetricUnit.Count, report.closed);
    metrics.addMetric('CreditsReturned', MetricUnit.Count, report.creditsReturned);
    if (report.failed) metrics.addMetric('ReservationsLeftOpen', MetricUnit.Count, report.failed);
    if (report.unfinished) logger.warn('stale reservations left (out of time, or unread); the next pass goes on', { ...report });
    logger.info('reservations reconciled', { ...report });
    return report;
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

export const handler = createHandler(createReconcilerDeps());
