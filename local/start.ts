// `npm start`: the API on http://127.0.0.1:$PORT, on an embedded DynamoDB Local with seed data, until SIGINT/SIGTERM.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { FORWARDER_FILTERS, QUEUE_PLACEMENT_FILTERS } from '../functions/adapters/stream-filters.js';
import { gatewayErrorResponse } from '../functions/http/gateway-responses.js';
import { pathTo } from '../functions/http/route.js';
import { bulkRejectRoute } from '../functions/http/routes/bulk-reject.js';
import { apiRoutes, routeFunctions } from '../functions/http/routes/index.js';
import { listReferralsRoute } from '../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../functions/http/routes/reject-referral.js';
import { accessLogEntry, formatAccessLog } from './access-log.js';
import { createApiGateway, type GatewayHandlers } from './api-gateway.js';
import { signConsoleToken } from './console-jwks.js';
import { DynamoDbLocalUnavailable } from './dynamodb-local.js';
import { startEventSink } from './event-sink.js';
import { startHttpServer } from './http-server.js';
import { prepareLocalRuntime, StartStepError } from './local-runtime.js';
import { type Seed, SeedError } from './seed.js';
import { type StreamPoller, startStreamPoller } from './stream-poller.js';

const OPENAPI_FILE = path.resolve(import.meta.dirname, '../openapi.json');
/** Redoc's standalone bundle, from node_modules: the reference page loads nothing from any other host. */
const REDOC_BUNDLE = path.resolve(import.meta.dirname, '../node_modules/redoc/bundles/redoc.standalone.js');

const REDOC_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const INLINE_LOGO = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

/** The reference page at /docs: Redoc rendering /openapi.json, both served from here. */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Referral programme admin API: reference</title>
    <link rel="icon" href="data:," />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/docs/redoc.standalone.js"></script>
    <script>Redoc.init('/openapi.json', { hideDownloadButton: false, expandResponses: '200' }, document.getElementById('reference'));</script>
  </body>
</html>
`;

const referenceDocuments = async () => ({
  '/openapi.json': { body: await readFile(OPENAPI_FILE, 'utf8'), contentType: 'application/json' },
  '/docs': { body: DOCS_PAGE, contentType: 'text/html; charset=utf-8' },
  '/docs/redoc.standalone.js': {
    // Redoc's footer shows its logo from cdn.redoc.ly: the one address the bundle reaches for, replaced with an inline image.
    body: (await readFile(REDOC_BUNDLE, 'utf8')).replace(REDOC_LOGO, INLINE_LOGO),
    contentType: 'text/javascript; charset=utf-8',
  },
});

/** Every route's handler, from its function's entry in the route index, as the stack deploys it. */
const routeHandlers = async (): Promise<GatewayHandlers['functions']> =>
  Object.fromEntries(
    await Promise.all(
      apiRoutes.map(async ({ name }) => [
        name,
        (await import(path.resolve(import.meta.dirname, '..', routeFunctions[name].entry))).handler,
      ]),
    ),
  );

/** An error told in one line, without a stack trace. */
class StartError extends Error {}

/** Fails before anything starts when the port is taken. */
const ensurePortFree = (port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartError(error.code === 'EADDRINUSE' ? `PORT ${port} is in use: set PORT to a free port` : `PORT ${port}: ${error.code}`),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });

/** Ready curl lines from the seed that was loaded, or a word on why there is none. */
const hints = (seed: Seed, baseUrl: string, token: string | undefined): string[] => {
  const key = seed.apiKeys.find((candidate) => candidate.admin && (candidate.status ?? 'active') === 'active');
  const held = seed.attributions.filter((attribution) => attribution.status === 'review_required').map((attribution) => attribution.id);
  const lines: string[] = [];
  const url = (id: string) => `${baseUrl}${pathTo(rejectReferralRoute, { id })}`;
  if (!held.length) return ['The seed has no referral awaiting review (review_required): no ready curl line.'];
  if (key) {
    lines.push('Reject a held referral with the seed admin key:');
    lines.push(
      `  curl -X POST "${url(held[0] as string)}" -H "x-api-key: ${key.key}" -H "Content-Type: application/json" -d '{"reason":"same billing account"}'`,
    );
    lines.push('List the review queue, and reject several referrals at once:');
    lines.push(`  curl "${baseUrl}${pathTo(listReferralsRoute)}?limit=5" -H "x-api-key: ${key.key}"`);
    const ring = JSON.stringify({ ids: held.slice(2, 5), reason: 'same referrer ring' });
    if (held.length > 2) {
      lines.push(
        `  curl -X POST "${baseUrl}${pathTo(bulkRejectRoute)}" -H "x-api-key: ${key.key}" -H "Content-Type: application/json" -d '${ring}'`,
      );
    }
  } else {
    lines.push('The seed has no active admin API key: no ready API-key curl line.');
  }
  if (token) {
    lines.push('Or as a console admin (the token is good for 12 hours):');
    lines.push(`  curl -X POST "${url((held[1] ?? held[0]) as string)}" -H "Authorization: Bearer ${token}"`);
  }
  return lines;
};

const main = async () => {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new StartError(`PORT must be a port number, not ${process.env.PORT}`);
  if (port !== 0) await ensurePortFree(port);
  const jsonLogs = process.env.LOG_FORMAT === 'json';
  // The functions' own JSON logs (below warnings) and metrics stay quiet, unless LOG_FORMAT=json asks for them raw.
  if (!jsonLogs) {
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  }
  const runtime = await prepareLocalRuntime({ seedFile: process.env.LOCAL_SEED, issueConsoleTokens: true, seedExternal: true });
  // Events go to a local stand-in for EventBridge, which prints each and, with LOCAL_EVENTS_FILE, appends it as a JSON line.
  const eventsFile = process.env.LOCAL_EVENTS_FILE;
  const sink = await startEventSink({
    onPublished: (entry) => {
      const detail = JSON.parse(entry.Detail) as { attribution_id?: string; event_id?: string };
      console.log(`event ${entry.DetailType} ${detail.attribution_id} ${detail.event_id}`);
      if (eventsFile) appendFileSync(eventsFile, `${JSON.stringify(entry)}\n`);
    },
  });
  process.env.EVENTS_ENDPOINT = sink.endpoint;
  process.env.EVENT_BUS_NAME ??= 'referrals-local';
  process.env.DEAD_LETTER_QUEUE_URL ??= 'local';

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping`);
    server?.close();
    server?.closeAllConnections();
    await poller?.stop();
    await Promise.all([runtime.stop(), sink.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // The handlers read their configuration at import, as on Lambda; import them once the environment is ready.
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  let poller: StreamPoller | undefined;
  try {
    const [{ handler: authorizer }, functions, forwarder, { createForwarderDeps }, indexer, { createQueueIndexerDeps }] = await Promise.all(
      [
        import('../functions/handlers/authorizer/handler.js'),
        routeHandlers(),
        import('../functions/handlers/forwarder/handler.js'),
        import('../functions/handlers/forwarder/dependencies.js'),
        import('../functions/handlers/queue-indexer/handler.js'),
        import('../functions/handlers/queue-indexer/dependencies.js'),
      ],
    );
    const deadLetters = { send: async (letter: unknown) => console.log(`dead letter ${JSON.stringify(letter)}`) };
    poller = await startStreamPoller({
      endpoint: runtime.dynamoEndpoint,
      table: process.env.REFERRALS_TABLE as string,
      consumers: [
        {
          name: 'forwarder',
          filters: FORWARDER_FILTERS,
          handler: forwarder.createHandler(createForwarderDeps(process.env, { deadLetters })),
        },
        { name: 'queue-indexer', filters: QUEUE_PLACEMENT_FILTERS, handler: indexer.createHandler(createQueueIndexerDeps(process.env)) },
      ],
      from: 'LATEST',
    });
    server = await startHttpServer(
      createApiGateway({
        authorizer,
        functions,
      }),
      {
        port,
        failed: () => gatewayErrorResponse('DEFAULT_5XX', randomUUID(), 500),
        documents: await referenceDocuments(),
        onResponse: (request, response, latencyMs) => console.log(formatAccessLog(accessLogEntry(request, response, latencyMs), jsonLogs)),
      },
    );
  } catch (error) {
    await Promise.all([runtime.stop(), sink.stop(), poller?.stop()]);
    // Taken between the check and the listen: still one line.
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StartError(`PORT ${port} is in use: set PORT to a free port`);
    throw error;
  }

  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  const token = runtime.issuer
    ? await signConsoleToken(runtime.issuer.privateJwk, { subject: 'console-admin', role: 'admin', expiresIn: 12 * 3600 })
    : undefined;
  console.log(`Referral admin API listening on ${baseUrl} (pid ${process.pid})`);
  console.log(`OpenAPI document: ${baseUrl}/openapi.json, rendered at ${baseUrl}/docs`);
  console.log(`DynamoDB endpoint: ${runtime.dynamoEndpoint}${runtime.startedDynamoDb ? ' (DynamoDB Local, in memory)' : ' (external)'}`);
  if (runtime.issuer && token) {
    console.log(`Console JWKS: ${runtime.issuer.jwksUrl}`);
    console.log(`Demo console admin token (12 h): ${token}`);
  }
  for (const line of hints(runtime.seed, baseUrl, token)) console.log(line);
  // This DynamoDB Local's port changes with every start: the line names it.
  console.log('Create your own admin key against this DynamoDB Local:');
  console.log(
    `  DYNAMODB_ENDPOINT=${runtime.dynamoEndpoint} npm run keys -- create --user my-admin --plan enterprise --admin --label "local"`,
  );
  console.log('Measure the review backlog (HeldCount, OldestHeldAgeSeconds) on this DynamoDB Local, as the schedule does:');
  console.log(`  DYNAMODB_ENDPOINT=${runtime.dynamoEndpoint} npm run invoke -- review-backlog events/review-backlog-schedule.json`);
  console.log('Ready.');
};

main().catch((error) => {
  const oneLine =
    error instanceof SeedError ||
    error instanceof StartError ||
    error instanceof DynamoDbLocalUnavailable ||
    error instanceof StartStepError;
  console.error(oneLine ? error.message : error);
  process.exit(1);
});
