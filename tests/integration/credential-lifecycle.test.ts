import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyStore } from '../../functions/adapters/api-key-store.js';
import { createJwtVerifier } from '../../functions/adapters/jwt-verifier.js';
import { type ApiKeyRecord, hashApiKey } from '../../functions/auth/api-key.js';
import { createAuthenticator } from '../../functions/auth/authenticate.js';
import { TtlCache } from '../../functions/auth/ttl-cache.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { type ConsoleIssuer, signConsoleToken, startConsoleIssuer } from '../../local/console-jwks.js';
import { db, givenApiKey, tables } from '../support/table-records.js';

describe('revoking an API key', () => {
  it('takes effect once the authorizer cache TTL has passed, and not before', async () => {
    let clock = 1_000_000;
    const authenticate = createAuthenticator({
      apiKeys: createApiKeyStore(db, { apiKeys: tables.apiKeys }),
      keyCache: new TtlCache<ApiKeyRecord | null>(60_000, 100, () => clock),
    });
    const admin = await givenApiKey();
    expect((await authenticate({ 'x-api-key': admin.key })).effect).toBe('allow');

    await db.send(
      new UpdateCommand({
        TableName: tables.apiKeys,
        Key: { key_hash: hashApiKey(admin.key) },
        UpdateExpression: 'SET #s = :r',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': 'revoked' },
      }),
    );

    clock += 59_000;
    expect((await authenticate({ 'x-api-key': admin.key })).effect).toBe('allow');
    clock += 1_000;
    expect(await authenticate({ 'x-api-key': admin.key })).toEqual({ effect: 'unauthenticated', reason: 'unknown or revoked API key' });
  });
});

describe('AUTH_CACHE_TTL_SECONDS', () => {
  const revoke = (key: string) =>
    db.send(
      new UpdateCommand({
        TableName: tables.apiKeys,
        Key: { key_hash: hashApiKey(key) },
        UpdateExpression: 'SET #s = :r',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':r': 'revoked' },
      }),
    );

  it.each([5, 0])('sets the revocation delay of the authorizer as deployed (%i s)', async (ttl) => {
    let clock = 1_000_000;
    const authenticate = createAuthorizerDeps({ ...process.env, AUTH_CACHE_TTL_SECONDS: String(ttl) }, db, () => clock);
    const admin = await givenApiKey();
    expect((await authenticate({ 'x-api-key': admin.key })).effect).toBe('allow');
    await revoke(admin.key);
    if (ttl > 0) {
      clock += ttl * 1000 - 1;
      expect((await authenticate({ 'x-api-key': admin.key })).effect).toBe('allow');
    }
    clock += 1;
    expect((await authenticate({ 'x-api-key': admin.key })).effect).toBe('unauthenticated');
  });

  it('refuses a value outside 0-3600 at cold start, naming the variable', () => {
    expect(() => createAuthorizerDeps({ ...process.env, AUTH_CACHE_TTL_SECONDS: '3601' }, db)).toThrow(/AUTH_CACHE_TTL_SECONDS/);
    expect(() => createAuthorizerDeps({ ...process.env, AUTH_CACHE_TTL_SECONDS: 'soon' }, db)).toThrow(/AUTH_CACHE_TTL_SECONDS/);
  });
});

describe('console JWT key set', () => {
  let issuer: ConsoleIssuer;
  beforeAll(async () => {
    issuer = await startConsoleIssuer();
  });
  afterAll(() => issuer.stop());

  it('is not refetched for every unknown kid in a burst', async () => {
    const verifier = createJwtVerifier({ jwksUrl: issuer.jwksUrl, issuer: issuer.issuer, audience: issuer.audience });
    const valid = await signConsoleToken(issuer.privateJwk, { subject: 'a', role: 'admin' });
    await verifier.verify(valid);
    const before = issuer.fetches();

    const forged = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signConsoleToken({ ...issuer.privateJwk, kid: `unknown-${i}` }, { subject: 'b', role: 'admin' }),
      ),
    );
    const verdicts = await Promise.all(forged.map((token) => verifier.verify(token)));

    expect(verdicts.map((verdict) => verdict.valid)).toEqual(forged.map(() => false));
    // jose refetches at most once per cooldown when it meets an unknown kid.
    expect(issuer.fetches() - before).toBeLessThanOrEqual(1);
    expect(before).toBe(1);
  });
});
