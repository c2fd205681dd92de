import { createPublicKey } from 'node:crypto';
import { type JWK, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { generateApiKey } from '../../functions/auth/api-key.js';
import { rejectRequest, withKey } from '../support/api.js';
import {
  activityOf,
  bearer,
  consoleToken,
  givenApiKey,
  givenAttribution,
  storedAttribution,
  usageRecordsOf,
} from '../support/table-records.js';

const expectUntouched = async (id: string) => expect((await storedAttribution(id))?.status).toBe('review_required');

describe('authentication', () => {
  it('answers 401 in the envelope when no credential is sent', async () => {
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      code: 401,
      msg: 'Authentication required',
      data: null,
      error: { type: 'unauthorized', retryable: false },
    });
    expect(response.body.request_id).toEqual(expect.any(String));
    await expectUntouched(attribution.id);
  });

  it('answers 401 for an unknown, a revoked or a malformed API key', async () => {
    const attribution = await givenAttribution();
    const revoked = await givenApiKey({ status: 'revoked' });
    for (const key of [generateApiKey(), revoked.key, 'not-a-key', 'ck_short']) {
      const response = await rejectRequest(attribution.id, { headers: withKey(key) });
      expect(response.status).toBe(401);
      expect(response.body.error.type).toBe('unauthorized');
    }
    await expectUntouched(attribution.id);
  });

  it('answers 403, saying it is not an admin credential, for a valid non-admin API key', async () => {
    const attribution = await givenAttribution();
    const member = await givenApiKey({ admin: false, plan: 'business' });
    const response = await rejectRequest(attribution.id, { headers: withKey(member.key) });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 403,
      msg: expect.stringMatching(/^Not an admin credential/),
      error: { type: 'forbidden' },
    });
    await expectUntouched(attribution.id);
    expect(await usageRecordsOf(member.userId)).toEqual([]);
  });

  it('admits a console admin JWT and records its subject as the reviewer', async () => {
    const attribution = await givenAttribution();
    const token = await consoleToken({ subject: 'console-admin-7', plan: 'business' });
    const response = await rejectRequest(attribution.id, { headers: bearer(token), body: { reason: 'chargeback ring' } });
    expect(response.status).toBe(200);
    expect(response.body.data.attribution).toMatchObject({ status: 'rejected', reviewed_by: 'console-admin-7' });
    expect(await activityOf(attribution.id)).toEqual([
      expect.objectContaining({ reason: 'chargeback ring', actor: 'console-admin-7', auth_method: 'jwt', subject_id: 'console-admin-7' }),
    ]);
    const usage = await usageRecordsOf('console-admin-7');
    expect(usage.find((record) => record.request_id === response.body.request_id)).toMatchObject({
      auth_method: 'jwt',
      subject_id: 'console-admin-7',
      plan: 'business',
    });
  });

  it('answers 403 for a valid console JWT without the admin role', async () => {
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: bearer(await consoleToken({ role: 'support' })) });
    expect(response.status).toBe(403);
    expect(response.body.error.type).toBe('forbidden');
    await expectUntouched(attribution.id);
  });

  it.each([
    ['expired beyond tolerance', { expiresIn: -120 }],
    ['not yet valid', { notBefore: 600 }],
    ['without exp', { expiresIn: null }],
    ['from another issuer', { issuer: 'https://evil.example' }],
    ['for another audience', { audience: 'billing' }],
  ] as const)('answers 401 for a console JWT %s', async (_name, options) => {
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: bearer(await consoleToken(options)) });
    expect(response.status).toBe(401);
    await expectUntouched(attribution.id);
  });

  it('answers 401 for unsigned, HS256-forged, unknown-kid and malformed bearer tokens', async () => {
    const attribution = await givenAttribution();
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      sub: 'attacker',
      role: 'admin',
      iss: 'https://console.local',
      aud: 'referrals-admin',
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    const valid = await consoleToken();
    const [header, payload, signature] = valid.split('.');
    const { kid } = JSON.parse(Buffer.from(header!, 'base64url').toString());
    // The algorithm-confusion attack: HMAC-sign with the issuer's public RSA key, as published in the JWKS.
    const jwks = (await (await fetch(inject('consoleJwksUrl'))).json()) as { keys: JWK[] };
    const publicPem = createPublicKey({ key: jwks.keys[0]! as import('node:crypto').JsonWebKey, format: 'jwk' }).export({
      format: 'pem',
      type: 'spki',
    });
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid }).sign(new TextEncoder().encode(String(publicPem)));
    const forged = [
      `${b64({ alg: 'none' })}.${b64(claims)}.`,
      confused,
      `${b64({ alg: 'RS256', kid: 'unknown-kid' })}.${payload}.${signature}`,
      'Bearer',
      'not.a.jwt',
    ];
    for (const token of forged) {
      const response = await rejectRequest(attribution.id, {
        headers: { authorization: token.startsWith('Bearer') ? token : `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    }
    await expectUntouched(attribution.id);
  });

  it('refuses an empty API key header beside a valid console token: an empty credential is still sent', async () => {
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: { 'x-api-key': '', ...bearer(await consoleToken()) } });
    expect(response.status).toBe(401);
    await expectUntouched(attribution.id);
  });

  it('refuses a request that carries both an API key and a bearer token', async () => {
    const attribution = await givenAttribution();
    const admin = await givenApiKey();
    const response = await rejectRequest(attribution.id, { headers: { ...withKey(admin.key), ...bearer(await consoleToken()) } });
    expect(response.status).toBe(401);
    await expectUntouched(attribution.id);
  });
});
