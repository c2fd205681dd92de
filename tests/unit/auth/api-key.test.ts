import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ApiKeyRecordSchema, generateApiKey, isWellFormedApiKey } from '../../../functions/auth/api-key.js';
import { readCredentials } from '../../../functions/auth/authenticate.js';

describe('credential details', () => {
  const key = generateApiKey();

  it('anchors the key format at both ends', () => {
    expect(isWellFormedApiKey(`x${key}`)).toBe(false);
    expect(isWellFormedApiKey(`${key}!`)).toBe(false);
    expect(isWellFormedApiKey(`ck_${'a'.repeat(16)}`)).toBe(true);
    expect(isWellFormedApiKey(`ck_${'a'.repeat(15)}`)).toBe(false);
  });

  it('reads the credential headers among others, an empty one counting as sent', () => {
    expect(readCredentials({ accept: 'application/json', 'x-api-key': key, 'user-agent': 'curl' })).toEqual({ kind: 'api_key', key });
    expect(readCredentials({ 'x-api-key': '', authorization: 'Bearer a.b.c' })).toMatchObject({ kind: 'none' });
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
