import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ApiKeyRecordSchema, generateApiKey, hashApiKey, isWellFormedApiKey } from '../../../functions/auth/api-key.js';
import { readCredentials } from '../../../functions/auth/authenticate.js';
import { jwtSettingsFrom } from '../../../functions/auth/jwt-settings.js';
import { fromAuthorizerContext, toAuthorizerContext } from '../../../functions/auth/principal.js';
import { TtlCache } from '../../../functions/auth/ttl-cache.js';

describe('credentials', () => {
  const key = generateApiKey();

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

describe('the principal handed through the authorizer context', () => {
  it('survives the trip as strings', () => {
    const principal = { userId: 'u', subjectId: 's', plan: 'growth', authMethod: 'jwt', overageEnabled: true } as const;
    expect(fromAuthorizerContext(toAuthorizerContext(principal))).toEqual(principal);
  });

  it('is refused when missing or malformed', () => {
    expect(fromAuthorizerContext(undefined)).toBeUndefined();
    expect(
      fromAuthorizerContext({ userId: 'u', subjectId: 's', plan: 'platinum', authMethod: 'jwt', overageEnabled: 'false' }),
    ).toBeUndefined();
  });
});

describe('the key cache', () => {
  it('forgets entries after its TTL, so a revocation applies within it', () => {
    let clock = 0;
    const cache = new TtlCache<string>(60_000, 10, () => clock);
    cache.set('k', 'active');
    clock = 59_999;
    expect(cache.get('k')).toBe('active');
    clock = 60_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it('stays bounded, dropping the oldest entry', () => {
    const cache = new TtlCache<number>(60_000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
  });
});

describe('credential details', () => {
  const key = generateApiKey();

  it('anchors the key format at both ends', () => {
    expect(isWellFormedApiKey(`x${key}`)).toBe(false);
    expect(isWellFormedApiKey(`${key}!`)).toBe(false);
    expect(isWellFormedApiKey(`ck_${'a'.repeat(16)}`)).toBe(true);
    expect(isWellFormedApiKey(`ck_${'a'.repeat(15)}`)).toBe(false);
  });

  it('reads the credential headers among others, and ignores empty ones', () => {
    expect(readCredentials({ accept: 'application/json', 'x-api-key': key, 'user-agent': 'curl' })).toEqual({ kind: 'api_key', key });
    expect(readCredentials({ 'x-api-key': '', authorization: 'Bearer a.b.c' })).toEqual({ kind: 'bearer', token: 'a.b.c' });
  });

  it('refuses a repeated Authorization header, naming why', () => {
    expect(readCredentials({ authorization: 'Bearer a.b.c' }, { authorization: ['Bearer a.b.c', 'Bearer d.e.f'] })).toEqual({
      kind: 'none',
      reason: 'repeated credential header',
    });
  });

  it('anchors the bearer format and bounds its length', () => {
    expect(readCredentials({ authorization: 'xBearer a.b.c' }).kind).toBe('none');
    expect(readCredentials({ authorization: 'Bearer a.b.c d' }).kind).toBe('none');
    const longest = `Bearer ${'a'.repeat(8192 - 'Bearer '.length - 4)}.b.c`;
    expect(longest).toHaveLength(8192);
    expect(readCredentials({ authorization: longest }).kind).toBe('bearer');
    expect(readCredentials({ authorization: `${longest}c` })).toEqual({ kind: 'none', reason: 'malformed bearer token' });
  });
});

describe('the stored key record', () => {
  const base = { key_hash: 'a'.repeat(64), key_id: 'key_1', user_id: 'u', plan: 'pro', admin: true, status: 'active', created_at: 'now' };

  it('defaults overage to off and knows only active and revoked keys', () => {
    expect(v.parse(ApiKeyRecordSchema, base).overage).toBe(false);
    expect(v.parse(ApiKeyRecordSchema, { ...base, status: 'revoked' }).status).toBe('revoked');
    expect(v.safeParse(ApiKeyRecordSchema, { ...base, status: 'paused' }).success).toBe(false);
  });
});

describe('console JWT settings', () => {
  it('are used only when all three are given', () => {
    const all = { jwksUrl: 'https://c/jwks', issuer: 'https://c', audience: 'a' };
    expect(jwtSettingsFrom(all)).toEqual(all);
    for (const missing of ['jwksUrl', 'issuer', 'audience'] as const)
      expect(jwtSettingsFrom({ ...all, [missing]: undefined })).toBeUndefined();
  });
});

describe('the principal from a direct invocation', () => {
  it('accepts booleans as well as the strings API Gateway hands over', () => {
    const context = { userId: 'u', subjectId: 's', plan: 'pro', authMethod: 'api_key' };
    expect(fromAuthorizerContext({ ...context, overageEnabled: true })?.overageEnabled).toBe(true);
    expect(fromAuthorizerContext({ ...context, overageEnabled: 'true' })?.overageEnabled).toBe(true);
    expect(fromAuthorizerContext({ ...context, overageEnabled: false })?.overageEnabled).toBe(false);
  });
});

describe('the key cache order', () => {
  it('refreshes an entry that is set again, so that the oldest other entry is dropped first', () => {
    const cache = new TtlCache<number>(60_000, 2, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([3, undefined, 4]);
  });
});
