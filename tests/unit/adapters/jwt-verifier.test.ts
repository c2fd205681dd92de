import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../../functions/adapters/jwt-verifier.js';

// A key set that also publishes a symmetric key (a console misconfiguration): only the algorithm pin keeps
// HS256 tokens signed with it out. The server is a plain local HTTP server; no AWS service is involved.
const secret = new TextEncoder().encode('a-shared-secret-that-leaked-into-the-key-set-000000');
let server: Server;
let jwksUrl = '';
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  privateKey = pair.privateKey;
  const keys = [
    { ...(await exportJWK(pair.publicKey)), kid: 'ec-1', alg: 'ES256' },
    { ...(await exportJWK(secret)), kid: 'oct-1' },
  ];
  server = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const token = (alg: string, kid: string, key: typeof privateKey | Uint8Array) =>
  new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg, kid })
    .setSubject('console-1')
    .setIssuer('https://console.test')
    .setAudience('referrals-admin')
    .setExpirationTime('1h')
    .sign(key);

describe('the console token algorithms', () => {
  const verifier = () => createJwtVerifier({ jwksUrl, issuer: 'https://console.test', audience: 'referrals-admin' });

  it('accepts an asymmetric signature from the key set', async () => {
    expect(await verifier().verify(await token('ES256', 'ec-1', privateKey))).toMatchObject({ valid: true, claims: { sub: 'console-1' } });
  });

  it('refuses HS256, even signed with a symmetric key the key set publishes', async () => {
    expect(await verifier().verify(await token('HS256', 'oct-1', secret))).toEqual({
      valid: false,
      reason: 'invalid bearer token (ERR_JOSE_ALG_NOT_ALLOWED)',
    });
  });
});
