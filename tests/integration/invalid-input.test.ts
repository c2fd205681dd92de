import { describe, expect, it } from 'vitest';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { getRequest, rejectRequest, withKey } from '../support/api.js';
import { rawPathTo } from '../support/builders.js';
import { accountItems, activityOf, givenApiKey, givenAttribution, storedAttribution, usageRecordsOf } from '../support/table-records.js';

describe('invalid input', () => {
  const bodies: [string, string, Record<string, string>?][] = [
    ['malformed JSON', '{"reason":'],
    ['a JSON array', '["same billing account"]'],
    ['an empty JSON array', '[]'],
    ['a JSON string', '"same billing account"'],
    ['null', 'null'],
    ['an unknown field', '{"reason":"x","grant":true}'],
    ['a non-string reason', '{"reason":42}'],
    ['a blank reason', '{"reason":"   "}'],
    ['a reason over 500 characters', JSON.stringify({ reason: 'x'.repeat(501) })],
    ['a __proto__ key', '{"__proto__":{"admin":true}}'],
    ['a body without a JSON content type', '{"reason":"x"}', { 'content-type': 'text/plain' }],
  ];

  it('refuses a body over 16 KB at the web ACL, by its size alone, before any function runs', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const valid = '{"reason":"fraud"}';
    const rawBody = valid + ' '.repeat(16 * 1024 - valid.length + 1);
    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), rawBody });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 403, error: { type: 'request_blocked', retryable: false } });
    expect(response.body.request_id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(await accountItems(admin.userId)).toEqual([]);
    expect((await rejectRequest(attribution.id, { headers: withKey(admin.key), rawBody: rawBody.slice(0, -1) })).status).toBe(200);
  });

  it.each(bodies)('answers 400 for %s and changes nothing', async (_name, rawBody, headers) => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();

    const response = await rejectRequest(attribution.id, { headers: { ...withKey(admin.key), ...headers }, rawBody });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 400, data: null, error: { type: 'invalid_request', retryable: false } });
    expect(response.headers['content-type']).toBe('application/json');
    expect(await storedAttribution(attribution.id)).toMatchObject({ status: 'review_required' });
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it.each(['a'.repeat(129), 'attr%2F1', 'attr.1', 'attr-ü'])('answers 400 for the id %s', async (id) => {
    const admin = await givenApiKey();
    const response = await rejectRequest(id, { headers: withKey(admin.key) });
    expect(response.status).toBe(400);
    expect(response.body.error.context.issues[0].field).toBe('pathParameters.id');
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('decodes a path id once, strictly: a malformed escape or an encoded slash is a 400 that changes nothing', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const encoded = [...attribution.id].map((character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    for (const id of ['%ZZ', `${attribution.id}%`, `${attribution.id}%2Fx`, '%C3%28']) {
      const response = await getRequest(rawPathTo(getReferralRoute, id), { headers: withKey(admin.key) });
      expect(response.status, id).toBe(400);
      expect(response.body.error, id).toMatchObject({
        type: 'invalid_request',
        context: { issues: [expect.objectContaining({ field: 'pathParameters.id' })] },
      });
      expect((await rejectRequest(id, { headers: withKey(admin.key) })).status, id).toBe(400);
    }
    expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
    const decoded = await rejectRequest(encoded, { headers: withKey(admin.key) });
    expect(decoded.status).toBe(200);
    expect(decoded.body.data.attribution.id).toBe(attribution.id);
  });

  it.each([
    ['a control character', 'a\u0007b', 'reason must not contain control characters (U+0000-U+001F, U+007F-U+009F)'],
    ['a right-to-left override', 'a\u202eb', 'reason must not contain bidirectional overrides or isolates (U+202A-U+202E, U+2066-U+2069)'],
    ['only a zero-width space', '\u200b', 'reason must not be blank'],
    ['501 emoji', '😀'.repeat(501), 'reason must be at most 500 characters (Unicode code points)'],
  ])('names the reason and the rule it breaks: %s', async (_name, reason, message) => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), rawBody: JSON.stringify({ reason }) });
    expect(response.status).toBe(400);
    expect(response.body.error.context.issues).toEqual([{ field: 'body.reason', message }]);
    expect(await storedAttribution(attribution.id)).toMatchObject({ status: 'review_required' });
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('refuses invalid UTF-8 in the body with 400, as the bytes were sent', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const bytes = Buffer.from([...Buffer.from('{"reason":"a'), 0xff, ...Buffer.from('"}')]);
    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), rawBytes: bytes });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ msg: 'Request body must be valid UTF-8', error: { type: 'invalid_request' } });
    expect(await storedAttribution(attribution.id)).toMatchObject({ status: 'review_required' });
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('accepts 500 emoji, and trims invisible characters from the ends of the reason it stores', async () => {
    const admin = await givenApiKey();
    const [first, second] = [await givenAttribution(), await givenAttribution()];
    expect(
      (await rejectRequest(first.id, { headers: withKey(admin.key), rawBody: JSON.stringify({ reason: '😀'.repeat(500) }) })).status,
    ).toBe(200);
    const padded = JSON.stringify({ reason: '\u200b\ufeff same card \u2060' });
    expect((await rejectRequest(second.id, { headers: withKey(admin.key), rawBody: padded })).status).toBe(200);
    expect((await activityOf(first.id)).map((item) => item.reason)).toEqual(['😀'.repeat(500)]);
    expect((await activityOf(second.id)).map((item) => item.reason)).toEqual(['same card']);
  });

  it('accepts a reason of exactly 500 characters and a content type in any letter case', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const reason = 'r'.repeat(500);
    const response = await rejectRequest(attribution.id, {
      headers: { ...withKey(admin.key), 'Content-Type': 'Application/JSON; charset=utf-8' },
      rawBody: JSON.stringify({ reason }),
    });
    expect(response.status).toBe(200);
    expect((await activityOf(attribution.id)).map((item) => item.reason)).toEqual([reason]);
  });

  it('charges no credit for invalid requests, though they count toward the rate limit', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    await rejectRequest(attribution.id, { headers: withKey(admin.key), rawBody: '{' });
    const items = await accountItems(admin.userId);
    expect(items.filter((item) => String(item.sk).startsWith('usage#'))).toEqual([]);
    expect(items.find((item) => String(item.sk).startsWith('rate#'))).toMatchObject({ hits: 1 });
  });
});
