// `npm run bench`: bundle size, cold-start proxy, warm latency, round trips and throughput, each beside its floor measured in the same run.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { buildSync } from 'esbuild';
import { activitySortKey, attributionItem } from '../functions/adapters/referrals-table.js';
import { dayKey, monthKey, rateKey, usageKey } from '../functions/adapters/usage-table.js';
import { projectApp } from '../lib/project-app.js';
import { bundling, ReferralApiStack } from '../lib/referral-api-stack.js';
import { type TableKey, tableEnvironment } from '../lib/tables.js';
import { ensureTables, LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_TABLE_NAMES, startDynamoDbLocal } from '../local/dynamodb-local.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const IMPORT_RUNS = 41;
const LATENCY_SAMPLES = 500;
const WARMUP = 50;
const BULK_ROUNDS = 9;
const LIST_SAMPLES = 100;

const median = (values: number[]) => quantile(values, 0.5);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ratio = (value: number, floor: number) => Math.round((value / floor) * 1000) / 1000;

type Row = {
  measure: string;
  subject: string;
  value: number;
  floor: number | null;
  ratio: number | null;
  unit: string;
  budget: string;
  within: boolean | null;
};
const rows: Row[] = [];
const record = (
  measure: string,
  subject: string,
  value: number,
  floor: number | null,
  unit: string,
  budget: string,
  limit: number | null,
  /** A ratio measured otherwise than value / floor, e.g. the median of paired ratios. */
  measuredRatio?: number,
) => {
  const r = floor === null ? null : (measuredRatio ?? ratio(value, floor));
  rows.push({
    measure,
    subject,
    value,
    floor,
    ratio: r,
    unit,
    budget,
    within: limit === null ? null : floor === null ? value <= limit : r! <= limit,
  });
};

// 1. Bundles, as CDK builds them, and the SDK floor built with the same options.
const buildBundles = () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-cdk-'));
  const app = projectApp({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new ReferralApiStack(app, 'Bench', { stage: 'bench' });
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(path.join(assembly.directory, 'Bench.template.json'), 'utf8'));
  /** The bundle CDK built for a function, and the environment the template gives it (references become names). */
  const assetOf = (fn: typeof stack.rejectFunction): Bundle => {
    const id = stack.resolve(stack.getLogicalId(fn.node.defaultChild as never)) as string;
    const resource = template.Resources[id];
    const variables = Object.entries(resource.Properties.Environment?.Variables ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `bench-${name.toLowerCase()}`,
    ]);
    return { file: path.join(assembly.directory, resource.Metadata['aws:asset:path'], 'index.js'), env: Object.fromEntries(variables) };
  };
  const floorDir = path.join(outdir, 'floor');
  mkdirSync(floorDir);
  buildSync({
    entryPoints: [path.join(root, 'bench/floor-handler.ts')],
    outfile: path.join(floorDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: bundling.target,
    minify: bundling.minify,
    external: bundling.externalModules,
    logLevel: 'error',
  });
  return {
    reject: assetOf(stack.rejectFunction),
    authorizer: assetOf(stack.authorizerFunction),
    bulk: assetOf(stack.routeFunctions.bulkRejectReferrals),
    list: assetOf(stack.routeFunctions.listReferrals),
    get: assetOf(stack.routeFunctions.getReferral),
    floor: { file: path.join(floorDir, 'index.js'), env: {} },
  };
};

type Bundle = { file: string; env: Record<string, string> };

// 2. Cold-start proxy: time to require each bundle in a fresh Node process, with exactly the environment the
// template gives its function (NODE_OPTIONS included, or its absence) on top of what the Lambda runtime sets.
const importTime = ({ file, env }: Bundle): number => {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const runtime = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: LOCAL_REGION,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
  return Number(execFileSync(process.execPath, ['-e', script], { env: { ...runtime, ...env }, encoding: 'utf8' }));
};

const main = async () => {
  const started = Date.now();
  console.log('Building bundles as CDK does…');
  const bundles = buildBundles();
  const size = (bundle: Bundle) => statSync(bundle.file).size;
  const subjects = {
    reject: 'reject function',
    authorizer: 'authorizer',
    bulk: 'bulk reject function',
    list: 'list function',
    get: 'get function',
  } as const;
  const measured = Object.keys(subjects) as (keyof typeof subjects)[];
  for (const key of measured)
    record('bundle size', subjects[key], size(bundles[key]), size(bundles.floor), 'bytes', '≤ 1.15 × SDK floor', 1.15);

  console.log(`Timing imports (${IMPORT_RUNS} fresh processes each, interleaved)…`);
  const order = ['floor', ...measured] as const;
  const times = Object.fromEntries(order.map((key) => [key, [] as number[]])) as Record<(typeof order)[number], number[]>;
  // Two discarded rounds first, so the page cache holds every bundle before anything is timed.
  for (let run = 0; run < 2; run++) for (const key of order) importTime(bundles[key]);
  // Each round times the floor and every bundle, in an order of its own; the ratio is the median of each round's
  // bundle / floor, so that a machine slowing down or speeding up between rounds does not move it.
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const shuffled = [...order].sort(() => Math.random() - 0.5);
    for (const key of shuffled) times[key].push(importTime(bundles[key]));
  }
  for (const key of measured) {
    const paired = times[key].map((time, run) => time / (times.floor[run] as number));
    record(
      'import time (median)',
      subjects[key],
      median(times[key]),
      median(times.floor),
      'ms',
      '≤ 1.15 × SDK floor',
      1.15,
      Math.round(median(paired) * 1000) / 1000,
    );
  }

  console.log('Starting DynamoDB Local…');
  const dynamo = await startDynamoDbLocal();
  try {
    await ensureTables(dynamo.endpoint);
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    for (const key of Object.keys(tableEnvironment) as TableKey[]) process.env[tableEnvironment[key]] = LOCAL_TABLE_NAMES[key];
    await measureRequestPath();
  } finally {
    await dynamo.stop();
  }

  printAndSave(Date.now() - started);
};

const measureRequestPath = async () => {
  // Imported once the environment points at DynamoDB Local, as the handlers read it at import.
  const { instrumentedClient } = await import('../tests/support/instrumented-client.js');
  const { createDocumentClient } = await import('../functions/adapters/dynamodb-client.js');
  const { createApiGateway } = await import('../local/api-gateway.js');
  const { createHandler: createAuthorizer } = await import('../functions/handlers/authorizer/handler.js');
  const { createAuthorizerDeps } = await import('../functions/handlers/authorizer/dependencies.js');
  const { createHandler: createReject } = await import('../functions/handlers/reject-referral/handler.js');
  const { createRejectDeps } = await import('../functions/handlers/reject-referral/dependencies.js');
  const { createHandler: createBulk } = await import('../functions/handlers/bulk-reject/handler.js');
  const { createBulkDeps } = await import('../functions/handlers/bulk-reject/dependencies.js');
  const { createHandler: createList } = await import('../functions/handlers/review-queue/list-handler.js');
  const { createHandler: createGet } = await import('../functions/handlers/review-queue/get-handler.js');
  const { createReviewQueueDeps } = await import('../functions/handlers/review-queue/dependencies.js');
  const { createSeedWriter } = await import('../functions/adapters/seed-writer.js');
  const { plans } = await import('../functions/billing/plans.js');
  const { startHttpServer } = await import('../local/http-server.js');
  const { gatewayErrorResponse } = await import('../functions/shared/gateway-responses.js');

  const db = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const seed = createSeedWriter(db, LOCAL_TABLE_NAMES);
  const key = 'ck_bench_admin_000000000000000';
  await seed.putApiKey({ key, userId: 'bench-admin', plan: 'enterprise', admin: true });
  const seedAttributions = async (prefix: string, count: number) => {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map((id) => seed.putAttribution({ id, status: 'review_required', code: 'BENCH', referrer_user_id: 'u' })),
      );
    }
    return ids;
  };

  // 3. Warm latency: the full path in-process (authorizer, then the middy function) vs the same calls issued bare.
  console.log(`Measuring warm latency (${LATENCY_SAMPLES} successful rejects, interleaved with the bare calls)…`);
  const total = LATENCY_SAMPLES + WARMUP;
  const projectIds = await seedAttributions('lat', total);
  const floorIds = await seedAttributions('floor', total);
  // The latency run alone exceeds a plan's per-minute limit on a fast machine; the limit check itself still runs.
  const unlimited = { ...plans, enterprise: { ...plans.enterprise, ratePerMinute: 1_000_000 } };
  const gateway = createApiGateway({
    authorizer: createAuthorizer(createAuthorizerDeps()),
    functions: {
      rejectReferral: createReject({ ...createRejectDeps(), plans: unlimited }),
      bulkRejectReferrals: createBulk({ ...createBulkDeps(), plans: unlimited }),
    },
  });
  const bareCalls = async (id: string, n: number) => {
    const now = new Date();
    const minute = now.toISOString().slice(0, 16);
    const [, , month] = await Promise.all([
      db.send(
        new UpdateCommand({
          TableName: 'usage',
          Key: rateKey('floor', minute),
          UpdateExpression: 'ADD hits :one SET expires_at = :e',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
          ExpressionAttributeValues: { ':one': 1, ':e': 1, ':limit': 1_000_000 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      db.send(
        new QueryCommand({
          TableName: 'referrals',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': id },
          ConsistentRead: true,
        }),
      ),
      db.send(new GetCommand({ TableName: 'usage', Key: monthKey('floor', 'x'), ConsistentRead: true })),
    ]);
    void month;
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'referrals',
              Key: { pk: id, sk: 'attribution' },
              UpdateExpression: 'SET #s = :r, reviewed_at = :t, reviewed_by = :b',
              ConditionExpression: '#s = :q',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':r': 'rejected', ':t': now.toISOString(), ':b': 'bench', ':q': 'review_required' },
            },
          },
          {
            Put: {
              TableName: 'referrals',
              Item: { pk: id, sk: activitySortKey(now.toISOString(), String(n)), action: 'reject', actor: 'bench', at: now.toISOString() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: 'usage',
              Item: { ...usageKey('floor', String(n)), credits: 1 },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: 'usage',
              Key: dayKey('floor', 'x'),
              UpdateExpression: 'ADD credits :one SET expires_at = :e',
              ExpressionAttributeValues: { ':one': 1, ':e': 1 },
            },
          },
          {
            Update: {
              TableName: 'usage',
              Key: monthKey('floor', 'x'),
              UpdateExpression: 'ADD credits :one SET expires_at = :e',
              ConditionExpression: 'attribute_not_exists(credits) OR credits <= :room',
              ExpressionAttributeValues: { ':one': 1, ':e': 1, ':room': 10_000_000 },
            },
          },
        ],
      }),
    );
  };
  const projectTimes: number[] = [];
  const floorTimes: number[] = [];
  for (let i = 0; i < total; i++) {
    let t = performance.now();
    const result = await gateway({
      method: 'POST',
      path: `/api/v1/admin/referrals/${projectIds[i]}/reject`,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: '{"reason":"bench"}',
    });
    const projectMs = performance.now() - t;
    if (result.statusCode !== 200) throw new Error(`bench reject answered ${result.statusCode}: ${result.body}`);
    t = performance.now();
    await bareCalls(floorIds[i]!, i);
    const floorMs = performance.now() - t;
    if (i >= WARMUP) {
      projectTimes.push(projectMs);
      floorTimes.push(floorMs);
    }
  }
  record('warm latency p50', 'reject path', median(projectTimes), median(floorTimes), 'ms', '≤ 1.25 × bare calls', 1.25);
  record('warm latency p99', 'reject path', quantile(projectTimes, 0.99), quantile(floorTimes, 0.99), 'ms', 'for the record', null);

  // 3b. A bulk reject of 100 ids beside 100 single rejects one after the other, as a caller would otherwise send them.
  console.log(`Measuring bulk reject (${BULK_ROUNDS} rounds of 100 ids, interleaved with 100 sequential single rejects)…`);
  const bulkTimes: number[] = [];
  const singlesTimes: number[] = [];
  for (let round = 0; round < BULK_ROUNDS + 1; round++) {
    const [bulkIds, singleIds] = [await seedAttributions(`bulk-${round}`, 100), await seedAttributions(`single-${round}`, 100)];
    let t = performance.now();
    const bulkResult = await gateway({
      method: 'POST',
      path: '/api/v1/admin/referrals/reject',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
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
        path: `/api/v1/admin/referrals/${id}/reject`,
        headers: { 'x-api-key': key, 'content-type': 'application/json' },
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
  record('bulk reject p50', '100 ids vs 100 sequential rejects', median(bulkTimes), median(singlesTimes), 'ms', 'for the record', null);

  // 3c. A page of the review queue (every shard read in parallel, merged) beside one query of a single partition
  // holding the same entries: what spreading the queue over shards costs a reader.
  console.log(`Measuring list pages (${LIST_SAMPLES} pages of 25 and of 100, each beside a single-partition query)…`);
  await seedAttributions('queue', 400);
  const floorEntries = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      db.send(
        new PutCommand({
          TableName: 'referrals',
          // The same item a queued attribution is, under one partition key.
          Item: {
            ...attributionItem({ id: `queue-${i}`, status: 'review_required', code: 'BENCH', referrer_user_id: 'u' }),
            pk: 'bench-single-partition',
            sk: `q#${String(i).padStart(4, '0')}`,
          },
        }),
      ),
    ),
  );
  void floorEntries;
  const lister = createApiGateway({
    authorizer: createAuthorizer(createAuthorizerDeps()),
    functions: { listReferrals: createList({ ...createReviewQueueDeps(), plans: unlimited }) },
  });
  for (const pageSize of [25, 100]) {
    const listTimes: number[] = [];
    const singleTimes: number[] = [];
    for (let i = 0; i < LIST_SAMPLES + WARMUP; i++) {
      let t = performance.now();
      const page = await lister({ method: 'GET', path: `/api/v1/admin/referrals?limit=${pageSize}`, headers: { 'x-api-key': key } });
      const listMs = performance.now() - t;
      if (page.statusCode !== 200 || JSON.parse(page.body).data.attributions.length !== pageSize) {
        throw new Error(`bench list answered ${page.statusCode}: ${page.body.slice(0, 200)}`);
      }
      t = performance.now();
      const single = await db.send(
        new QueryCommand({
          TableName: 'referrals',
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'bench-single-partition' },
          Limit: pageSize,
        }),
      );
      const singleMs = performance.now() - t;
      if (single.Items?.length !== pageSize) throw new Error('the single-partition floor read too few entries');
      if (i >= WARMUP) {
        listTimes.push(listMs);
        singleTimes.push(singleMs);
      }
    }
    record('list page p50', `${pageSize} entries vs one partition`, median(listTimes), median(singleTimes), 'ms', 'for the record', null);
  }

  // 4. Round trips, counted by an SDK middleware on the real client.
  console.log('Counting round trips…');
  const authorizerDb = instrumentedClient();
  const functionDb = instrumentedClient();
  const counted = createApiGateway({
    authorizer: createAuthorizer(createAuthorizerDeps(process.env, authorizerDb.client)),
    functions: {
      rejectReferral: createReject({ ...createRejectDeps(process.env, functionDb.client), plans: unlimited }),
      bulkRejectReferrals: createBulk({ ...createBulkDeps(process.env, functionDb.client), plans: unlimited }),
      listReferrals: createList({ ...createReviewQueueDeps(process.env, functionDb.client), plans: unlimited }),
      getReferral: createGet({ ...createReviewQueueDeps(process.env, functionDb.client), plans: unlimited }),
    },
  });
  const [rtOk, rtConflict, rtKeyed] = await seedAttributions('rt', 3);
  await seed.putAttribution({ id: 'rt-rewarded', status: 'rewarded' });
  const call = (id: string, headers: Record<string, string> = {}, body?: string) =>
    counted({
      method: 'POST',
      path: `/api/v1/admin/referrals/${id}/reject`,
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
    record('round trips (sequential)', label, target.waves(), null, 'calls', `≤ ${limit}`, limit);
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
  const listIds = await seedAttributions('rt-list', 3);
  const get = (routePath: string) => counted({ method: 'GET', path: routePath, headers: { 'x-api-key': key } });
  await count('list, a page of 25', () => get('/api/v1/admin/referrals?limit=25'), functionDb, 2);
  await count('get, one referral', () => get(`/api/v1/admin/referrals/${listIds[0]}`), functionDb, 2);
  const bulkIds = await seedAttributions('rt-bulk', 100);
  const bulk = (ids: string[], headers: Record<string, string> = {}) =>
    counted({
      method: 'POST',
      path: '/api/v1/admin/referrals/reject',
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

  // 5. Throughput of the local API at concurrency 16, for the record.
  console.log('Measuring local API throughput (autocannon, 16 connections, 10 s)…');
  const poolIds = await seedAttributions('tp', 12_000);
  const server = await startHttpServer(gateway, {
    port: 0,
    failed: () => gatewayErrorResponse('DEFAULT_5XX', 'bench', 500),
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 16,
    duration: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/admin/referrals/${poolIds[next++ % poolIds.length]}/reject`,
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: '{"reason":"throughput"}',
        }),
      },
    ],
  });
  server.close();
  record('throughput (c=16)', 'local API, rejects/s', Math.round(result.requests.average), null, 'req/s', 'for the record', null);
  record(
    'throughput (c=16)',
    'local API, 2xx share',
    Math.round((result['2xx'] / Math.max(1, result.requests.total)) * 1000) / 10,
    null,
    '%',
    'for the record',
    null,
  );
  db.destroy();
};

const printAndSave = (elapsedMs: number) => {
  const header = ['measure', 'subject', 'value', 'floor', 'ratio', 'budget', 'within'];
  const lines = rows.map((row) => [
    row.measure,
    row.subject,
    `${Number.isInteger(row.value) ? row.value : row.value.toFixed(2)} ${row.unit}`,
    row.floor === null ? '-' : `${Number.isInteger(row.floor) ? row.floor : row.floor.toFixed(2)} ${row.unit}`,
    row.ratio === null ? '-' : `${row.ratio.toFixed(3)}×`,
    row.budget,
    row.within === null ? '-' : row.within ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${lines.map(format).join('\n')}`);
  console.log(`\nNode ${process.version}, ${elapsedMs / 1000} s`);
  // The tracked results file changes only when asked: `npm run bench -- --save`.
  if (process.argv.includes('--save')) {
    writeFileSync(
      path.join(root, 'bench/results.json'),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, elapsedSeconds: elapsedMs / 1000, rows }, null, 2)}\n`,
    );
    console.log('Saved bench/results.json');
  }
  if (rows.some((row) => row.within === false)) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
