// 3. Warm latency in-process: a reject and an approve beside the reject's bare calls, a bulk reject beside single rejects, a queue page beside one partition.
import { pathTo } from '../functions/http/route.js';
import { approveReferralRoute } from '../functions/http/routes/approve-referral.js';
import { bulkRejectRoute } from '../functions/http/routes/bulk-reject.js';
import { listReferralsRoute } from '../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../functions/http/routes/reject-referral.js';
import { putSinglePartition, querySinglePartition, rejectBare } from './floor-calls.js';
import type { Report } from './report.js';
import type { RequestPath } from './request-path.js';
import { median, quantile } from './statistics.js';

const LATENCY_SAMPLES = 500;
const WARMUP = 50;
const BULK_ROUNDS = 9;
const LIST_SAMPLES = 100;

/** The gateway the reject measures share: the authorizer, then the reject and bulk reject functions, without a rate limit. */
export type RejectGateway = ReturnType<RequestPath['createApiGateway']>;

/** The full path in-process (authorizer, then the middy function) vs the same calls issued bare; returns the gateway it built. */
export const measureWarmLatency = async (path: RequestPath, report: Report): Promise<RejectGateway> => {
  console.log(`Measuring warm latency (${LATENCY_SAMPLES} successful rejects and approves, interleaved with the bare calls)…`);
  const total = LATENCY_SAMPLES + WARMUP;
  const projectIds = await path.seedAttributions('lat', total);
  const approveIds = await path.seedAttributions('lat-approve', total);
  const floorIds = await path.seedAttributions('floor', total);
  const gateway = path.createApiGateway({
    authorizer: path.createAuthorizer(path.createAuthorizerDeps()),
    functions: {
      rejectReferral: path.createReject({ ...path.createDecisionDeps(), plans: path.unlimited }),
      approveReferral: path.createApprove({ ...path.createDecisionDeps(), plans: path.unlimited }),
      bulkRejectReferrals: path.createBulk({ ...path.createBulkDeps(), plans: path.unlimited }),
    },
  });
  /** One decision through the whole path, timed. */
  const decide = async (route: { name: string; path: string }, id: string) => {
    const t = performance.now();
    const result = await gateway({
      method: 'POST',
      path: pathTo(route, { id }),
      headers: { 'x-api-key': path.key, 'content-type': 'application/json' },
      body: '{"reason":"bench"}',
    });
    if (result.statusCode !== 200) throw new Error(`bench ${route.name} answered ${result.statusCode}: ${result.body}`);
    return performance.now() - t;
  };
  const rejectTimes: number[] = [];
  const approveTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < total; i++) {
    const rejectMs = await decide(rejectReferralRoute, projectIds[i] as string);
    const approveMs = await decide(approveReferralRoute, approveIds[i] as string);
    const t = performance.now();
    await rejectBare(path.db, floorIds[i]!, i);
    const floorMs = performance.now() - t;
    if (i >= WARMUP) {
      rejectTimes.push(rejectMs);
      approveTimes.push(approveMs);
      floorTimes.push(floorMs);
    }
  }
  for (const [subject, times] of [
    ['reject path', rejectTimes],
    ['approve path', approveTimes],
  ] as const) {
    report.record('warm latency p50', subject, median(times), median(floorTimes), 'ms', '≤ 1.25 × bare calls', 1.25);
    report.record('warm latency p99', subject, quantile(times, 0.99), quantile(floorTimes, 0.99), 'ms', 'for the record', null);
  }
  return gateway;
};

/** A bulk reject of 100 ids beside 100 single rejects one after the other, as a caller would otherwise send them. */
export const measureBulkReject = async (path: RequestPath, gateway: RejectGateway, report: Report): Promise<void> => {
  console.log(`Measuring bulk reject (${BULK_ROUNDS} rounds of 100 ids, interleaved with 100 sequential single rejects)…`);
  const bulkTimes: number[] = [];
  const singlesTimes: number[] = [];
  for (let round = 0; round < BULK_ROUNDS + 1; round++) {
    const [bulkIds, singleIds] = [await path.seedAttributions(`bulk-${round}`, 100), await path.seedAttributions(`single-${round}`, 100)];
    let t = performance.now();
    const bulkResult = await gateway({
      method: 'POST',
      path: pathTo(bulkRejectRoute),
      headers: { 'x-api-key': path.key, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: bulkIds, reason: 'bench' }),
    });
    const bulkMs = performance.now() - t;
    if (bulkResult.statusCode !== 200 || JSON.parse(bulkResult.body).data.rejected !== 100) {
      throw new Error(`bench bulk reject answered ${bulkResult.statusCode}: ${bulkResult.body.slice(0, 200)}`);
    }
    t = performance.now();
    for (const id of singleIds) {
      const single = await gateway({
        method: 'POST',
        path: pathTo(rejectReferralRoute, { id }),
        headers: { 'x-api-key': path.key, 'content-type': 'application/json' },
        body: '{"reason":"bench"}',
      });
      if (single.statusCode !== 200) throw new Error(`bench reject answered ${single.statusCode}`);
    }
    const singlesMs = performance.now() - t;
    // The first round warms the bulk path up and is discarded.
    if (round > 0) {
      bulkTimes.push(bulkMs);
      singlesTimes.push(singlesMs);
    }
  }
  report.record(
    'bulk reject p50',
    '100 ids vs 100 sequential rejects',
    median(bulkTimes),
    median(singlesTimes),
    'ms',
    'for the record',
    null,
  );
};

/**
 * A page of the review queue (every shard read in parallel, merged) beside one query of a single partition holding
 * the same entries: what spreading the queue over shards costs a reader.
 */
export const measureListPages = async (path: RequestPath, report: Report): Promise<void> => {
  console.log(`Measuring list pages (${LIST_SAMPLES} pages of 25 and of 100, each beside a single-partition query)…`);
  await path.seedAttributions('queue', 400);
  await putSinglePartition(path.db);
  const lister = path.createApiGateway({
    authorizer: path.createAuthorizer(path.createAuthorizerDeps()),
    functions: { listReferrals: path.createList({ ...path.createReviewQueueDeps(), plans: path.unlimited }) },
  });
  for (const pageSize of [25, 100]) {
    const listTimes: number[] = [];
    const singleTimes: number[] = [];
    for (let i = 0; i < LIST_SAMPLES + WARMUP; i++) {
      let t = performance.now();
      const page = await lister({
        method: 'GET',
        path: `${pathTo(listReferralsRoute)}?limit=${pageSize}`,
        headers: { 'x-api-key': path.key },
      });
      const listMs = performance.now() - t;
      if (page.statusCode !== 200 || JSON.parse(page.body).data.attributions.length !== pageSize) {
        throw new Error(`bench list answered ${page.statusCode}: ${page.body.slice(0, 200)}`);
      }
      t = performance.now();
      const read = await querySinglePartition(path.db, pageSize);
      const singleMs = performance.now() - t;
      if (read !== pageSize) throw new Error('the single-partition floor read too few entries');
      if (i >= WARMUP) {
        listTimes.push(listMs);
        singleTimes.push(singleMs);
      }
    }
    report.record(
      'list page p50',
      `${pageSize} entries vs one partition`,
      median(listTimes),
      median(singleTimes),
      'ms',
      'for the record',
      null,
    );
  }
};
