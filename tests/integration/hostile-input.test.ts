import fc from 'fast-check';
import { generateKeyPair, SignJWT } from 'jose';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { PERMISSIONS } from '../../functions/auth/permissions.js';
import { plans } from '../../functions/billing/plans.js';
import { ReasonSchema } from '../../functions/http/request-fields.js';
import { pathTo } from '../../functions/http/route.js';
import { addNoteRoute } from '../../functions/http/routes/add-note.js';
import { claimNextRoute } from '../../functions/http/routes/claim-next-referrals.js';
import { claimReferralRoute } from '../../functions/http/routes/claim-referral.js';
import { reopenReferralRoute } from '../../functions/http/routes/reopen-referral.js';
import { createObservability } from '../../functions/shared/observability.js';
import { LOCAL_JWT_AUDIENCE, LOCAL_JWT_ISSUER } from '../../local/console-jwks.js';
import { type ApiResult, apiWithPlans, decisionRequest, decisionRoutes, rejectRequest, withKey } from '../support/api.js';
import {
  activityOf,
  bearer,
  consoleToken,
  givenApiKey,
  givenAttribution,
  storedAttribution,
  type TestKey,
  usageRecordsOf,
} from '../support/table-records.js';

// Limits lifted so hundreds of generated requests reach validation; the rate limiter still runs on each.
// Both functions log at DEBUG here, so that the log check below sees everything they could write.
const observability = createObservability();
observability.logger.setLogLevel('DEBUG');
const gateway = apiWithPlans({ business: { ...plans.business, ratePerMinute: 1_000_000 } }, undefined, observability);
const RUNS = 100;
const MARKER = 'HOSTILE-MARKER';

const logLines: string[] = [];
let admin: TestKey;
let canaryId: string;
let consoleBearer: string;

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      logLines.push(String(chunk));
      return true;
    }) as typeof stream.write);
  }
  admin = await givenApiKey({ plan: 'business' });
  canaryId = (await givenAttribution()).id;
  consoleBearer = await consoleToken();
});

afterAll(async () => {
  vi.restoreAllMocks();
  observability.logger.setLogLevel('SILENT');
});

/**
 * Statuses API Gateway answers in its own default form, {"message": "..."}, before the request reaches anything of
 * ours: 413 (payload over 10 MB), 414 (URL or method ARN too long), 431 (headers over 10,240 bytes).
 */
const AWS_DEFAULT_FORM = [413, 414, 431];

/** Every hostile request: a 4xx in the envelope (or in API Gateway's default form), never a 5xx. */
const expectRefused = (response: ApiResult) => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  if (AWS_DEFAULT_FORM.includes(response.status)) {
    expect(response.body).toEqual({ message: expect.any(String) });
    return;
  }
  expect(response.body).toMatchObject({
    code: response.status,
    data: null,
    error: { type: expect.any(String), retryable: expect.any(Boolean) },
  });
};

/** Both decisions take the same request: each hostile one goes to the reject and to the approve. */
const ACTIONS = ['reject', 'approve'] as const;
type Action = (typeof ACTIONS)[number];

const send = (action: Action, id: string, options: Parameters<typeof rejectRequest>[1] = {}) =>
  decisionRequest(action, id, { gateway, ...options, headers: { ...withKey(admin.key), ...options.headers } });

/** A body the endpoint would accept, which the generators must leave out. */
const isValidBody = (value: unknown): boolean =>
  value === undefined ||
  (typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).every((key) => key === 'reason') &&
    (!('reason' in value) || v.is(ReasonSchema, value.reason)));

const parsesToValidBody = (text: string): boolean => {
  if (text === '') return true;
  try {
    return isValidBody(JSON.parse(text));
  } catch {
    return false;
  }
};

describe.each(ACTIONS)('hostile input to %s: properties', (action) => {
  it('refuses any JSON value that is not a valid body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue().filter((value) => !isValidBody(value)),
        async (value) => {
          expectRefused(await send(action, canaryId, { rawBody: JSON.stringify(value) }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses any text that does not parse to a valid body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((text) => !parsesToValidBody(text)),
        async (text) => {
          expectRefused(await send(action, canaryId, { rawBody: `${text}${MARKER}` }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses any malformed attribution id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).filter((id) => !/^[A-Za-z0-9_-]{1,128}$/.test(id)),
        async (id) => {
          expectRefused(await send(action, encodeURIComponent(id).replace(/%2F/g, '/')));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses any malformed credential with 401', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), async (value, asBearer) => {
        const headers = asBearer ? { authorization: `Bearer ${value}${MARKER}` } : { 'x-api-key': `${value}${MARKER}` };
        const response = await decisionRequest(action, canaryId, { gateway, headers });
        expect(response.status).toBe(401);
        expectRefused(response);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses any Idempotency-Key outside 1-255 printable characters', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 300 }).filter((key) => !/^[\x21-\x7e]([\x20-\x7e]{0,253}[\x21-\x7e])?$/.test(key)),
        async (key) => {
          expectRefused(await send(action, canaryId, { headers: { 'idempotency-key': key } }));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const base64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** Named hostile requests: [name, attribution id or null for the canary, request options]. */
const hostileCorpus: [string, string | null, Parameters<typeof rejectRequest>[1]][] = [
  ['a JSON array', null, { rawBody: `["${MARKER}"]` }],
  ['a JSON number', null, { rawBody: '42' }],
  ['a JSON string', null, { rawBody: `"${MARKER}"` }],
  ['JSON true', null, { rawBody: 'true' }],
  ['JSON null', null, { rawBody: 'null' }],
  ['an object nested 10,000 deep', null, { rawBody: nested(10_000) }],
  ['arrays nested 5,000 deep (under the size limit)', null, { rawBody: `${'['.repeat(5_000)}${']'.repeat(5_000)}` }],
  ['a 1 MB reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}${'x'.repeat(1024 * 1024)}` }) }],
  ['invalid UTF-8, base64-encoded', null, { rawBody: base64(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])), headers: {} }],
  [
    'invalid UTF-8 inside the reason, base64-encoded',
    null,
    { rawBody: base64(Buffer.from([...Buffer.from('{"reason":"a'), 0xc0, 0x80, ...Buffer.from('"}')])) },
  ],
  ['a lone surrogate in the reason', null, { rawBody: '{"reason":"\\ud800"}' }],
  ['a NUL in the reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}\u0000` }) }],
  ['a BEL in the reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}\u0007` }) }],
  ['a terminal colour in the reason', null, { rawBody: JSON.stringify({ reason: `\u001b[31m${MARKER}` }) }],
  ['CR LF in the reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}\r\nforged: line` }) }],
  ['DEL in the reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}\u007f` }) }],
  ['a C1 control in the reason', null, { rawBody: JSON.stringify({ reason: `${MARKER}\u009b31m` }) }],
  ['a right-to-left override in the reason', null, { rawBody: JSON.stringify({ reason: `\u202e${MARKER}` }) }],
  ['a directional isolate in the reason', null, { rawBody: JSON.stringify({ reason: `\u2067${MARKER}\u2069` }) }],
  ['a reason of one zero-width space', null, { rawBody: JSON.stringify({ reason: '\u200b' }) }],
  ['a reason of joiners and a BOM', null, { rawBody: JSON.stringify({ reason: ' \u200d\ufeff\u2060 ' }) }],
  ['a reason of 501 emoji', null, { rawBody: JSON.stringify({ reason: '😀'.repeat(501) }) }],
  ['a __proto__ key', null, { rawBody: `{"__proto__":{"admin":true,"m":"${MARKER}"}}` }],
  ['a constructor.prototype key', null, { rawBody: '{"constructor":{"prototype":{"admin":true}}}' }],
  ['a toString key', null, { rawBody: `{"toString":"${MARKER}"}` }],
  ['a duplicated reason', null, { rawBody: `{"reason":"first","reason":"${MARKER}"}` }],
  ['base64 that is not JSON', null, { rawBody: base64(`not json ${MARKER}`) }],
  ['a JSON body without a content type', null, { rawBody: '{"reason":"x"}', headers: { 'content-type': '' } }],
  ['a JSON body as text/plain', null, { rawBody: '{"reason":"x"}', headers: { 'content-type': 'TEXT/PLAIN' } }],
  ['an id of 129 characters', 'a'.repeat(129), {}],
  // Over the 1,600-byte method ARN: API Gateway answers 414 before the authorizer.
  ['an id of 10,000 characters', 'a'.repeat(10_000), {}],
  ['an encoded slash in the id', 'attr%2F..%2Fadmin', {}],
  ['an encoded NUL in the id', 'attr%00', {}],
  ['a unicode id', encodeURIComponent('attr-ü-✓-𝄞'), {}],
  ['a dotted id', '..', {}],
  // Over the 10,240 bytes of headers: refused by API Gateway before the authorizer.
  ['a 100 KB API key', null, { headers: { 'x-api-key': `ck_${'a'.repeat(100_000)}` } }],
  ['a repeated API key', null, { headers: { 'x-api-key': ['ck_aaaaaaaaaaaaaaaaaaaa', 'ck_bbbbbbbbbbbbbbbbbbbb'] } }],
  ['an API key and a bearer token', null, { headers: { authorization: 'Bearer a.b.c' } }],
  ['a bearer with no token', null, { headers: { 'x-api-key': undefined, authorization: 'Bearer ' } }],
  ['a bearer of garbage', null, { headers: { 'x-api-key': undefined, authorization: `Bearer ${MARKER}.${MARKER}.${MARKER}` } }],
  ['a Basic credential', null, { headers: { 'x-api-key': undefined, authorization: 'Basic YWRtaW46YWRtaW4=' } }],
];

describe.each(ACTIONS)('hostile input to %s: fixed corpus', (action) => {
  it.each(hostileCorpus)('refuses %s', async (name, id, options) => {
    const request = { ...options };
    if (name.includes('base64')) {
      const result = await gateway({
        method: 'POST',
        path: pathTo(decisionRoutes[action], { id: canaryId }),
        headers: { ...withKey(admin.key), 'content-type': 'application/json' },
        body: request.rawBody,
        isBase64Encoded: true,
      });
      expectRefused({ status: result.statusCode, headers: {}, body: JSON.parse(result.body) });
      return;
    }
    expectRefused(await send(action, id ?? canaryId, request));
  });

  it('accepts a valid body sent base64-encoded, as API Gateway delivers binary payloads', async () => {
    const attribution = await givenAttribution();
    const result = await gateway({
      method: 'POST',
      path: pathTo(decisionRoutes[action], { id: attribution.id }),
      headers: { ...withKey(admin.key), 'content-type': 'application/json' },
      body: base64('{"reason":"sent as base64"}'),
      isBase64Encoded: true,
    });
    expect(result.statusCode).toBe(200);
    expect((await activityOf(attribution.id)).map((item) => item.reason)).toEqual(['sent as base64']);
  });
});

describe('hostile console tokens: roles and permissions', () => {
  /** Claims a console token might carry to widen what it may do, each signed by the console's own key. */
  const claims: [string, Record<string, unknown>][] = [
    ['an unknown role', { role: 'root' }],
    ['a role in another case', { role: 'ADMIN' }],
    ['a role as an array', { role: ['admin'] }],
    ['a wildcard permission', { role: 'viewer', permissions: ['referrals:*'] }],
    ['a permission that does not exist', { role: 'viewer', permissions: ['referrals:decide', 'referrals:approve_all'] }],
    ['permissions as a string', { role: 'viewer', permissions: 'referrals:decide' }],
    ['33 permissions', { role: 'viewer', permissions: Array.from({ length: 33 }, () => 'referrals:read') }],
    ['2,000 permissions', { role: 'viewer', permissions: Array.from({ length: 2_000 }, () => 'referrals:decide') }],
    ['a prototype key', { role: 'viewer', permissions: ['__proto__'], __proto__: { role: 'admin' } }],
  ];

  it.each(claims)('refuses a token with %s (401 or 403), deciding nothing', async (_name, extraClaims) => {
    const token = await consoleToken({ role: undefined, extraClaims });
    for (const action of ACTIONS) {
      const response = await decisionRequest(action, canaryId, { gateway, headers: bearer(token) });
      expect([401, 403, 431]).toContain(response.status);
      expectRefused(response);
    }
  });

  it('refuses a token that claims every permission but was signed with another key (401)', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ role: 'admin', permissions: [...PERMISSIONS] })
      .setProtectedHeader({ alg: 'RS256', kid: (inject('consolePrivateJwk') as { kid: string }).kid })
      .setSubject('forger')
      .setIssuer(LOCAL_JWT_ISSUER)
      .setAudience(LOCAL_JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const response = await decisionRequest('reject', canaryId, { gateway, headers: bearer(forged) });
    expect(response.status).toBe(401);
    expectRefused(response);
  });
});

/** A POST of a raw body, as an admin, the answer parsed. */
const post = (path: string, body: string) =>
  gateway({ method: 'POST', path, headers: { ...withKey(admin.key), 'content-type': 'application/json' }, body }).then((result) => ({
    status: result.statusCode,
    headers: {},
    body: JSON.parse(result.body),
  }));

describe('hostile claim bodies', () => {
  it.each([
    ['lease_seconds 0', '{"lease_seconds":0}'],
    ['lease_seconds 59', '{"lease_seconds":59}'],
    ['lease_seconds 3601', '{"lease_seconds":3601}'],
    ['lease_seconds 900.5', '{"lease_seconds":900.5}'],
    ['lease_seconds as a string', '{"lease_seconds":"900"}'],
    ['an unknown field', '{"lease_seconds":900,"until":"forever"}'],
    ['an array', '[900]'],
  ])('refuses a claim with %s (400), leaving the referral unclaimed', async (_name, body) => {
    const response = await post(pathTo(claimReferralRoute, { id: canaryId }), body);
    expect(response.status).toBe(400);
    expectRefused(response);
    expect(await storedAttribution(canaryId)).not.toHaveProperty('claimed_by');
  });

  it.each([
    ['count 0', '{"count":0}'],
    ['count 26', '{"count":26}'],
    ['count as a string', '{"count":"5"}'],
    ['no count', '{"lease_seconds":900}'],
    ['lease_seconds 59', '{"count":1,"lease_seconds":59}'],
    ['an unknown field', '{"count":1,"status":"rejected"}'],
    ['an empty referrer', '{"count":1,"referrer_user_id":""}'],
    ['no body', ''],
  ])('refuses a claim-next with %s (400)', async (_name, body) => {
    const response = await post(pathTo(claimNextRoute), body);
    expect(response.status).toBe(400);
    expectRefused(response);
  });
});

describe('hostile note and reopen bodies', () => {
  it.each([
    ['empty text', '{"text":""}'],
    ['blank text', '{"text":"  \\u200b "}'],
    ['2,001 characters', JSON.stringify({ text: 'x'.repeat(2_001) })],
    ['a bidi override', JSON.stringify({ text: 'invoice \u202e gnp.exe' })],
    ['a line break', JSON.stringify({ text: 'one\ntwo' })],
    ['an unknown field', '{"text":"ok","by":"someone-else"}'],
    ['no text', '{}'],
    ['text as a number', '{"text":7}'],
  ])('refuses a note with %s (400), adding nothing', async (_name, body) => {
    const response = await post(pathTo(addNoteRoute, { id: canaryId }), body);
    expect(response.status).toBe(400);
    expectRefused(response);
  });

  it.each([
    ['no reason', '{"reason_code":"other"}'],
    ['an unknown reason code', '{"reason":"why","reason_code":"self_referral"}'],
    ['an unknown field', '{"reason":"why","status":"qualified"}'],
    ['a reason of 501 characters', JSON.stringify({ reason: 'x'.repeat(501) })],
  ])('refuses a reopen with %s (400)', async (_name, body) => {
    const response = await post(pathTo(reopenReferralRoute, { id: canaryId }), body);
    expect(response.status).toBe(400);
    expectRefused(response);
  });
});

describe('after all hostile input', () => {
  it('changed nothing and charged nothing', async () => {
    expect(await storedAttribution(canaryId)).toMatchObject({ status: 'review_required' });
    const charged = await usageRecordsOf(admin.userId);
    expect(charged.every((record) => record.status_code === 200)).toBe(true);
    expect(charged).toHaveLength(2); // the one valid base64 request above, to each route
  });

  it('never logged a secret or echoed hostile input', async () => {
    const admittedCall = await rejectRequest(canaryId, { gateway, headers: bearer(consoleBearer), rawBody: '{"reason":"' });
    expect(admittedCall.status).toBe(400);
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('');
    expect(all).not.toContain(admin.key);
    expect(all).not.toContain(admin.key.slice(3));
    expect(all).not.toContain(consoleBearer);
    expect(all).not.toContain(consoleBearer.split('.')[2]);
    expect(all.toLowerCase()).not.toContain('"authorization"');
    expect(all).not.toContain(MARKER);
    for (const line of all.split('\n').filter((l) => l.trim().startsWith('{'))) {
      expect(JSON.parse(line)).toHaveProperty('request_id');
    }
  });
});
