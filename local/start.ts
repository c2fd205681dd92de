// `npm start`: the API on http://127.0.0.1:$PORT, on an embedded DynamoDB Local with seed data, until SIGINT/SIGTERM.

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gatewayErrorResponse } from '../functions/shared/gateway-responses.js';
import { createApiGateway } from './api-gateway.js';
import { signConsoleToken } from './console-jwks.js';
import { startHttpServer } from './http-server.js';
import { prepareLocalRuntime } from './local-runtime.js';
import { SeedError } from './seed.js';

const OPENAPI_FILE = path.resolve(import.meta.dirname, '../openapi.json');

const main = async () => {
  const port = Number(process.env.PORT ?? 3000);
  const runtime = await prepareLocalRuntime({ seedFile: process.env.LOCAL_SEED, issueConsoleTokens: true, seedExternal: true });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping`);
    server?.close();
    server?.closeAllConnections();
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // The handlers read their configuration at import, as on Lambda; import them once the environment is ready.
  let server: Awaited<ReturnType<typeof startHttpServer>> | undefined;
  try {
    const [{ handler: authorizer }, { handler: reject }] = await Promise.all([
      import('../functions/authorizer/handler.js'),
      import('../functions/reject-referral/handler.js'),
    ]);
    server = await startHttpServer(createApiGateway({ authorizer, functions: { rejectReferral: reject } }), {
      port,
      failed: () => gatewayErrorResponse('DEFAULT_5XX', randomUUID(), 500),
      documents: { '/openapi.json': await readFile(OPENAPI_FILE, 'utf8') },
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }

  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`Referral admin API listening on ${baseUrl}`);
  console.log(`OpenAPI document: ${baseUrl}/openapi.json`);
  console.log(`DynamoDB endpoint: ${runtime.dynamoEndpoint}${runtime.startedDynamoDb ? ' (DynamoDB Local, in memory)' : ' (external)'}`);
  console.log('Try the spec example:');
  console.log(
    `  curl -X POST "${baseUrl}/api/v1/admin/referrals/example/reject" -H "x-api-key: ck_demo_admin_0000000000000000" -H "Content-Type: application/json" -d '{"reason":"same billing account"}'`,
  );
  if (runtime.issuer) {
    const token = await signConsoleToken(runtime.issuer.privateJwk, { subject: 'console-admin', role: 'admin', expiresIn: 12 * 3600 });
    console.log(`Console JWKS: ${runtime.issuer.jwksUrl}`);
    console.log(`Demo console admin token (12 h): ${token}`);
  }
  console.log('Ready.');
};

main().catch((error) => {
  console.error(error instanceof SeedError ? error.message : error);
  process.exit(1);
});
