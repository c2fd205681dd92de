import { describe, expect, it } from 'vitest';
import { createAuthorizerCache } from '../../../local/authorizer-cache.js';

describe("the emulated authorizer's result cache", () => {
  it('is off with a TTL of 0, as the stack deploys it', () => {
    expect(
      createAuthorizerCache({ ttlSeconds: 0, identityHeaders: ['x-api-key'] }).keyOf({ method: 'GET', path: '/', headers: {} }),
    ).toBeUndefined();
  });

  it('keys by the identity sources, whatever their case, and answers "missing" when one is absent or empty', () => {
    const cache = createAuthorizerCache<string>({ ttlSeconds: 60, identityHeaders: ['x-api-key'] });
    const key = cache.keyOf({ method: 'GET', path: '/', headers: { 'X-Api-Key': 'ck_1' } });
    expect(key).toBe(cache.keyOf({ method: 'POST', path: '/other', headers: { 'x-api-key': 'ck_1' } }));
    expect(key).not.toBe(cache.keyOf({ method: 'GET', path: '/', headers: { 'x-api-key': 'ck_2' } }));
    expect(cache.keyOf({ method: 'GET', path: '/', headers: { authorization: 'Bearer a.b.c' } })).toBe('missing');
    expect(cache.keyOf({ method: 'GET', path: '/', headers: { 'x-api-key': '' } })).toBe('missing');
  });

  it('keeps a result for its TTL and no longer', () => {
    let now = 0;
    const cache = createAuthorizerCache<string>({ ttlSeconds: 60, identityHeaders: ['x-api-key'] }, () => now);
    cache.set('k', 'allowed');
    now = 59_999;
    expect(cache.get('k')).toBe('allowed');
    now = 60_000;
    expect(cache.get('k')).toBeUndefined();
  });
});
