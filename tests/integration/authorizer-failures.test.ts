import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { handler as reject } from '../../functions/handlers/reject-referral/handler.js';
import { freePort } from '../../local/dynamodb-local.js';
import { checkedGateway, rejectRequest } from '../support/api.js';
import { bearer, consoleToken, givenAttribution, storedAttribution } from '../support/table-records.js';

// A console user's token is checked against the console's JWKS. When that host cannot be reached, the request
// fails as an outage (500, retryable, counted by the authorizer alarm), never as a bad token (401).
const gatewayWithJwks = (jwksUrl: string) =>
  checkedGateway({
    authorizer: createAuthorizerHandler(createAuthorizerDeps({ ...process.env, ADMIN_JWT_JWKS_URL: jwksUrl })),
    functions: { rejectReferral: reject },
  });

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
};

const servers: Server[] = [];
let stalled = '';
let failing = '';
let garbled = '';

beforeAll(async () => {
  const stalledServer = createServer(() => undefined); // accepts, never answers
  const failingServer = createServer((_request, response) => response.writeHead(503).end('unavailable'));
  const garbledServer = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"keys":'),
  );
  servers.push(stalledServer, failingServer, garbledServer);
  const urls = await Promise.all(servers.map(listen));
  [stalled, failing, garbled] = urls as [string, string, string];
});

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const expectOutage = async (jwksUrl: string) => {
  const attribution = await givenAttribution();
  const response = await rejectRequest(attribution.id, { headers: bearer(await consoleToken()), gateway: gatewayWithJwks(jwksUrl) });
  expect(response.status).toBe(500);
  expect(response.body).toMatchObject({ code: 500, error: { type: 'dependency_unavailable', retryable: true } });
  // A Gateway Response names the request in its body: no header mapping can carry the request id.
  expect(response.body.request_id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  expect(response.headers['x-request-id']).toBeUndefined();
  expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
};

describe('an unreachable console JWKS host', () => {
  it('is an outage when nothing listens: 500 dependency_unavailable, retryable', async () => {
    await expectOutage(`http://127.0.0.1:${await freePort()}/.well-known/jwks.json`);
  });

  it('is an outage when it answers 503', async () => {
    await expectOutage(failing);
  });

  it('is an outage when its answer is not a key set', async () => {
    await expectOutage(garbled);
  });

  it('is an outage when it does not answer within the timeout', async () => {
    await expectOutage(stalled);
  }, 20_000);

  it('still refuses a bad token with 401 when the key set is reachable', async () => {
    const attribution = await givenAttribution();
    const forged = await consoleToken({ audience: 'someone-else' });
    const response = await rejectRequest(attribution.id, {
      headers: bearer(forged),
      gateway: gatewayWithJwks(process.env.ADMIN_JWT_JWKS_URL as string),
    });
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ type: 'unauthorized', retryable: false });
  });
});
