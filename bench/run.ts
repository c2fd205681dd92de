// `npm run bench`: bundle size, cold-start proxy, warm latency, round trips and throughput, each beside its floor measured in the same run.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TableKey, tableEnvironment } from '../lib/tables.js';
import { ensureTables, LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_TABLE_NAMES, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { buildBundles, measureBundleSizes } from './bundles.js';
import { measureClaims } from './claims.js';
import { measureImportTimes } from './import-times.js';
import { measureBulkReject, measureListPages, measureWarmLatency } from './latency.js';
import { createReport, type Report } from './report.js';
import { loadRequestPath } from './request-path.js';
import { measureRoundTrips } from './round-trips.js';
import { measureThroughput } from './throughput.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Everything measured on DynamoDB Local, in the order the rows appear. */
const measureRequestPath = async (report: Report) => {
  const requestPath = await loadRequestPath();
  const gateway = await measureWarmLatency(requestPath, report);
  await measureBulkReject(requestPath, gateway, report);
  await measureListPages(requestPath, report);
  await measureClaims(requestPath, report);
  await measureRoundTrips(requestPath, report);
  await measureThroughput(requestPath, gateway, report);
  requestPath.db.destroy();
};

const main = async () => {
  const started = Date.now();
  const report = createReport();
  console.log('Building bundles as CDK does…');
  const bundles = buildBundles(root);
  measureBundleSizes(bundles, report);
  measureImportTimes(bundles, report);

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
    await measureRequestPath(report);
  } finally {
    await dynamo.stop();
  }

  report.printAndSave(Date.now() - started, root);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
