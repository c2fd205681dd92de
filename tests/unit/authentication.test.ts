import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from '../../functions/auth/api-key.js';
import { readCredentials } from '../../functions/auth/authenticate.js';
import { fromAuthorizerContext, toAuthorizerContext } from '../../functions/auth/principal.js';
import { TtlCache } from '../../functions/auth/ttl-cache.js';

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
