// 4. Round trips: the sequential DynamoDB calls of each kind of request, counted by an SDK middleware on the real client.
import { pathTo } from '../functions/http/route.js';
import { approveReferralRoute } from '../functions/http/routes/approve-referral.js';
import { bulkRejectRoute } from '../functions/http/routes/bulk-reject.js';
import { getReferralRoute } from '../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../functions/http/routes/reject-referral.js';
import type { Report } from './report.js';
import type { RequestPath } from './request-path.js';

export const measureRoundTrips = async (path: RequestPath, report: Report): Promise<void> => {
  console.log('Counting round trips…');
  const { key, unlimited } = path;
  const authorizerDb = path.instrumentedClient();
  const functionDb = path.instrumentedClient();
  const counted = path.createApiGateway({
    authorizer: path.createAuthorizer(path.createAuthorizerDeps(process.env, authorizerDb.client)),
    functions: {
      rejectReferral: path.createReject({ ...path.createDecisionDeps(process.env, functionDb.client), plans: unlimited }),
      approveReferral: path.createApprove({ ...path.createDecisionDeps(process.env, functionDb.client), plans: unlimited }),
      bulkRejectReferrals: path.createBulk({ ...path.createBulkDeps(process.env, functionDb.client), plans: unlimited }),
      listReferrals: path.createList({ ...path.createReviewQueueDeps(process.env, functionDb.client), plans: unlimited }),
      getReferral: path.createGet({ ...path.createReviewQueueDeps(process.env, functionDb.client), plans: unlimited }),
    },
  });
  const [rtOk, rtConflict, rtKeyed] = await path.seedAttributions('rt', 3);
  await path.seed.putAttribution({ id: 'rt-rewarded', status: 'rewarded' });
  const call = (id: string, headers: Record<string, string> = {}, body?: string, route: { path: string } = rejectReferralRoute) =>
    counted({
      method: 'POST',
      path: pathTo(route, { id }),
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      ...(body ? { body } : {}),
    });
  /** Counts the round trips of one request, which must answer as expected: a refused request makes fewer. */
  const count = async (
    label: string,
    run: () => Promise<{ statusCode: number }>,
    target: typeof functionDb,
    limit: number,
    expected = 200,
  ) => {
    target.reset();
    const { statusCode } = await run();
    if (statusCode !== expected) throw new Error(`round trips, ${label}: answered ${statusCode}, expected ${expected}`);
    report.record('round trips (sequential)', label, target.waves(), null, 'calls', `≤ ${limit}`, limit);
  };
  await count('authorizer, cold cache', () => call(rtOk!), authorizerDb, 1);
  functionDb.reset();
  await count('function, success', () => call(rtConflict!), functionDb, 2);
  await count('authorizer, warm cache', () => call('rt-rewarded'), authorizerDb, 0, 409);
  await count('function, 404', () => call('rt-missing'), functionDb, 2, 404);
  await count('function, 409', () => call('rt-rewarded'), functionDb, 2, 409);
  await count('function, 400', () => call(rtKeyed!, {}, '[1]'), functionDb, 2, 400);
  await count('function, keyed first request', () => call(rtKeyed!, { 'idempotency-key': 'bench-1' }), functionDb, 2);
  await count('function, keyed replay', () => call(rtKeyed!, { 'idempotency-key': 'bench-1' }), functionDb, 2);
  const [rtApprove] = await path.seedAttributions('rt-approve', 1);
  await count('function, approve', () => call(rtApprove!, {}, undefined, approveReferralRoute), functionDb, 2);
  const listIds = await path.seedAttributions('rt-list', 3);
  const get = (routePath: string) => counted({ method: 'GET', path: routePath, headers: { 'x-api-key': key } });
  await count('list, a page of 25', () => get(`${pathTo(listReferralsRoute)}?limit=25`), functionDb, 2);
  await count('get, one referral', () => get(pathTo(getReferralRoute, { id: listIds[0] as string })), functionDb, 2);
  const bulkIds = await path.seedAttributions('rt-bulk', 100);
  const bulk = (ids: string[], headers: Record<string, string> = {}) =>
    counted({
      method: 'POST',
      path: pathTo(bulkRejectRoute),
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ ids }),
    });
  await count('bulk reject, 100 ids', () => bulk(bulkIds), functionDb, 4);
  await count(
    'bulk reject, keyed, some not rejectable',
    () => bulk([listIds[1]!, 'rt-rewarded'], { 'idempotency-key': 'bench-bulk' }),
    functionDb,
    4,
  );
};
