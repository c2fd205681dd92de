import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ApiKeyRecord, generateApiKey, hashApiKey, isWellFormedApiKey } from '../../../functions/auth/api-key.js';
import { createAuthenticator, readCredentials } from '../../../functions/auth/authenticate.js';
import { PERMISSIONS } from '../../../functions/auth/permissions.js';
import { TtlCache } from '../../../functions/auth/ttl-cache.js';
import { ApiError } from '../../../functions/http/api-error.js';
import { FakeApiKeyStore, FakeTokenVerifier } from '../../support/fakes.js';

const record = (key: string, overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord => ({
  key_hash: hashApiKey(key),
  key_id: 'key_1',
  user_id: 'admin-1',
  plan: 'growth',
  admin: true,
  overage: true,
  status: 'active',
  created_at: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

const setup = (options: { jwt?: boolean; ttlMs?: number } = {}) => {
  let clock = 0;
  const apiKeys = new FakeApiKeyStore();
  const jwt = new FakeTokenVerifier();
  const authenticate = createAuthenticator({
    apiKeys,
    ...(options.jwt === false ? {} : { jwt }),
    keyCache: new TtlCache<ApiKeyRecord | null>(options.ttlMs ?? 60_000, 100, () => clock),
  });
  return { apiKeys, jwt, authenticate, tick: (ms: number) => (clock += ms) };
};

describe('authenticating an API key', () => {
  const key = generateApiKey();

  it('admits an active admin key with its principal', async () => {
    const { apiKeys, authenticate } = setup();
    apiKeys.records.set(hashApiKey(key), record(key));
    expect(await authenticate({ 'x-api-key': key })).toEqual({
      effect: 'allow',
      principal: { userId: 'admin-1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: true },
      // A key made before permissions existed may do everything.
      permissions: [...PERMISSIONS],
    });
  });

  it('grants a key its role, or its own list of permissions', async () => {
    const { apiKeys, authenticate } = setup();
    const cases: [Partial<ApiKeyRecord>, string[]][] = [
      [{ role: 'viewer' }, ['referrals:read']],
      [{ role: 'reviewer' }, ['referrals:read', 'referrals:decide', 'referrals:claim', 'referrals:note']],
      [{ permissions: ['referrals:decide', 'referrals:read'] }, ['referrals:read', 'referrals:decide']],
      [{ permissions: [] }, []],
    ];
    for (const [index, [grant, permissions]] of cases.entries()) {
      const own = `ck_permissions_case_${index}_0000000000`;
      apiKeys.records.set(hashApiKey(own), record(own, grant));
      expect(await authenticate({ 'x-api-key': own })).toMatchObject({ effect: 'allow', permissions });
    }
  });

  it('denies an active key that is not an admin key (403)', async () => {
    const { apiKeys, authenticate } = setup();
    apiKeys.records.set(hashApiKey(key), record(key, { admin: false }));
    expect(await authenticate({ 'x-api-key': key })).toEqual({ effect: 'deny', subject: 'key_1' });
  });

  it.each([
    ['unknown', undefined],
    ['revoked', record(key, { status: 'revoked' })],
  ])('refuses an %s key (401)', async (_name, stored) => {
    const { apiKeys, authenticate } = setup();
    if (stored) apiKeys.records.set(hashApiKey(key), stored);
    expect(await authenticate({ 'x-api-key': key })).toEqual({ effect: 'unauthenticated', reason: 'unknown or revoked API key' });
  });

  it('looks a key up once per cache TTL, unknown keys included', async () => {
    const { apiKeys, authenticate, tick } = setup({ ttlMs: 60_000 });
    apiKeys.records.set(hashApiKey(key), record(key));
    await authenticate({ 'x-api-key': key });
    await authenticate({ 'x-api-key': key });
    const unknown = generateApiKey();
    await authenticate({ 'x-api-key': unknown });
    await authenticate({ 'x-api-key': unknown });
    expect(apiKeys.lookups).toBe(2);
    tick(60_000);
    await authenticate({ 'x-api-key': key });
    expect(apiKeys.lookups).toBe(3);
  });

  it('looks every request up when the TTL is 0', async () => {
    const { apiKeys, authenticate } = setup({ ttlMs: 0 });
    await authenticate({ 'x-api-key': key });
    await authenticate({ 'x-api-key': key });
    expect(apiKeys.lookups).toBe(2);
  });

  it('never looks up a malformed key', async () => {
    const { apiKeys, authenticate } = setup();
    expect(await authenticate({ 'x-api-key': 'ck_short' })).toEqual({ effect: 'unauthenticated', reason: 'malformed API key' });
    expect(apiKeys.lookups).toBe(0);
  });

  it('lets a store failure through, so that it is a 5xx and not a 401', async () => {
    const { apiKeys, authenticate } = setup();
    apiKeys.failure = new ApiError('dependency_unavailable');
    await expect(authenticate({ 'x-api-key': key })).rejects.toMatchObject({ type: 'dependency_unavailable' });
  });
});

describe('authenticating a console token', () => {
  const bearer = { authorization: 'Bearer h.p.s' };

  it('admits a token with the admin role, on its plan, enterprise by default', async () => {
    const { jwt, authenticate } = setup();
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'console-1', role: 'admin' } });
    expect(await authenticate(bearer)).toEqual({
      effect: 'allow',
      principal: { userId: 'console-1', subjectId: 'console-1', plan: 'enterprise', authMethod: 'jwt', overageEnabled: false },
      permissions: [...PERMISSIONS],
    });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'console-1', role: 'admin', plan: 'starter', overage: true } });
    expect(await authenticate(bearer)).toMatchObject({ principal: { plan: 'starter', overageEnabled: true } });
  });

  it('maps the reviewer and viewer roles to their sets, and narrows any role by a permissions claim, never widens it', async () => {
    const { jwt, authenticate } = setup();
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'c', role: 'viewer' } });
    expect(await authenticate(bearer)).toMatchObject({ effect: 'allow', permissions: ['referrals:read'] });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'c', role: 'reviewer' } });
    expect(await authenticate(bearer)).toMatchObject({
      permissions: ['referrals:read', 'referrals:decide', 'referrals:claim', 'referrals:note'],
    });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'c', role: 'admin', permissions: ['referrals:read', 'referrals:reopen'] } });
    expect(await authenticate(bearer)).toMatchObject({ permissions: ['referrals:read', 'referrals:reopen'] });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'c', role: 'viewer', permissions: ['referrals:decide_bulk'] } });
    expect(await authenticate(bearer)).toMatchObject({ effect: 'allow', permissions: [] });
  });

  it('refuses a permissions claim that names no permission, or too many, as malformed (401)', async () => {
    const { jwt, authenticate } = setup();
    for (const permissions of [['referrals:everything'], 'referrals:read', Array.from({ length: 33 }, () => 'referrals:read'), [{}]]) {
      jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'c', role: 'admin', permissions } });
      expect(await authenticate(bearer)).toEqual({ effect: 'unauthenticated', reason: 'token claims are malformed' });
    }
  });

  it('denies a valid token without a known role (403)', async () => {
    const { jwt, authenticate } = setup();
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'console-2', role: 'auditor' } });
    expect(await authenticate(bearer)).toEqual({ effect: 'deny', subject: 'console-2' });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'console-2' } });
    expect(await authenticate(bearer)).toEqual({ effect: 'deny', subject: 'console-2' });
  });

  it('refuses an invalid token and malformed claims (401)', async () => {
    const { jwt, authenticate } = setup();
    jwt.verdicts.set('h.p.s', { valid: false, reason: 'expired' });
    expect(await authenticate(bearer)).toEqual({ effect: 'unauthenticated', reason: 'expired' });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { sub: 'console-3', role: 'admin', plan: 'platinum' } });
    expect(await authenticate(bearer)).toEqual({ effect: 'unauthenticated', reason: 'token claims are malformed' });
    jwt.verdicts.set('h.p.s', { valid: true, claims: { role: 'admin' } });
    expect(await authenticate(bearer)).toEqual({ effect: 'unauthenticated', reason: 'token claims are malformed' });
  });

  it('refuses every token when console tokens are not configured', async () => {
    const { authenticate } = setup({ jwt: false });
    expect(await authenticate(bearer)).toEqual({ effect: 'unauthenticated', reason: 'console tokens are not configured' });
  });

  it('lets an unreachable key set through as a failure, never a 401', async () => {
    const { jwt, authenticate } = setup();
    jwt.failure = new ApiError('dependency_unavailable');
    await expect(authenticate(bearer)).rejects.toMatchObject({ type: 'dependency_unavailable' });
  });

  it('refuses requests without exactly one credential', async () => {
    const { authenticate } = setup();
    expect(await authenticate({})).toEqual({ effect: 'unauthenticated', reason: 'no credentials' });
    expect(await authenticate({ 'x-api-key': generateApiKey(), ...bearer })).toEqual({
      effect: 'unauthenticated',
      reason: 'both an API key and a bearer token',
    });
  });
});

describe('credentials', () => {
  const key = generateApiKey();

  it('counts a credential header sent empty: beside another credential it is refused, alone it is malformed', () => {
    expect(readCredentials({ 'x-api-key': '', authorization: 'Bearer a.b.c' })).toEqual({
      kind: 'none',
      reason: 'both an API key and a bearer token',
    });
    expect(readCredentials({ 'x-api-key': '' })).toEqual({ kind: 'none', reason: 'malformed API key' });
    expect(readCredentials({ authorization: '' })).toEqual({ kind: 'none', reason: 'malformed bearer token' });
  });

  it('finds one API key or one bearer token, whatever the header case', () => {
    expect(readCredentials({ 'X-Api-Key': key })).toEqual({ kind: 'api_key', key });
    expect(readCredentials({ Authorization: 'Bearer a.b.c' })).toEqual({ kind: 'bearer', token: 'a.b.c' });
  });

  it.each([
    ['nothing', {}, undefined],
    ['both kinds', { 'x-api-key': key, authorization: 'Bearer a.b.c' }, undefined],
    ['a repeated key', { 'x-api-key': key }, { 'x-api-key': [key, key] }],
    ['the key in two letter cases', { 'x-api-key': key, 'X-API-KEY': key }, undefined],
    ['a malformed key', { 'x-api-key': 'sk_live_123' }, undefined],
    ['an oversized key', { 'x-api-key': `ck_${'a'.repeat(10_000)}` }, undefined],
    ['a basic scheme', { authorization: 'Basic dXNlcjpwYXNz' }, undefined],
    ['a bearer that is no JWT', { authorization: 'Bearer token' }, undefined],
  ])('refuses %s', (_name, headers, multi) => {
    expect(readCredentials(headers, multi).kind).toBe('none');
  });

  it('generates keys in the documented format and hashes them to SHA-256 hex', () => {
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(hashApiKey('ck_example')).toBe(createHash('sha256').update('ck_example').digest('hex'));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toContain(key.slice(3));
  });
});
