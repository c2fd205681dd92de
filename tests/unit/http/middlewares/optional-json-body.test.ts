import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { optionalJsonBody } from '../../../../functions/http/middlewares/optional-json-body.js';
import { context, proxyEvent } from '../../../support/lambda.js';

const MAX = 64;

/** The body as the handler sees it once the middleware has run. */
const parse = async (body: string | null, isBase64Encoded = false) => {
  let seen: unknown = 'not reached';
  const handler = middy()
    .use(optionalJsonBody({ maxBytes: MAX }))
    .handler(async (event: { body: unknown }) => {
      seen = event.body;
      return seen;
    });
  await handler(proxyEvent({ body, isBase64Encoded, headers: { 'content-type': 'application/json' } }), context());
  return seen;
};

describe('the optional JSON body middleware', () => {
  it.each([null, ''])('treats %o as no body', async (body) => {
    expect(await parse(body)).toBeUndefined();
  });

  it('parses a JSON body, and a base64-encoded one', async () => {
    expect(await parse('{"reason":"x"}')).toEqual({ reason: 'x' });
    expect(await parse(Buffer.from('{"reason":"é"}').toString('base64'), true)).toEqual({ reason: 'é' });
  });

  it.each([
    ['a byte that is never UTF-8', [0xff]],
    ['an overlong encoding of NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe2, 0x82]],
  ])('refuses %s inside a JSON string with 400, instead of reading it as U+FFFD', async (_name, bytes) => {
    const body = Buffer.concat([Buffer.from('{"reason":"a'), Buffer.from(bytes), Buffer.from('b"}')]).toString('base64');
    await expect(parse(body, true)).rejects.toMatchObject({ type: 'invalid_request', message: 'Request body must be valid UTF-8' });
  });

  it('reads a byte order mark at the start of a UTF-8 body as nothing', async () => {
    expect(await parse(Buffer.from('\ufeff{"reason":"x"}').toString('base64'), true)).toEqual({ reason: 'x' });
  });

  it('refuses a body over the limit by its size alone, even when it is valid JSON', async () => {
    const exactly = `{"reason":"x"}${' '.repeat(MAX - 14)}`;
    expect(await parse(exactly)).toEqual({ reason: 'x' });
    await expect(parse(`${exactly} `)).rejects.toMatchObject({
      type: 'invalid_request',
      message: `Request body must be at most ${MAX} bytes`,
    });
  });

  it('measures UTF-8 bytes, not characters', async () => {
    const body = `{"reason":"${'é'.repeat(26)}"}`;
    expect(body.length).toBeLessThanOrEqual(MAX);
    await expect(parse(body)).rejects.toMatchObject({ type: 'invalid_request' });
  });

  it('measures a base64 body by its decoded size', async () => {
    const decoded = `{"reason":"${'x'.repeat(MAX - 12)}"}`;
    await expect(parse(Buffer.from(decoded).toString('base64'), true)).rejects.toMatchObject({ type: 'invalid_request' });
    const fits = `{"reason":"${'x'.repeat(MAX - 13)}"}`;
    expect(await parse(Buffer.from(fits).toString('base64'), true)).toEqual({ reason: 'x'.repeat(MAX - 13) });
  });

  it('refuses a repeated field, which JSON.parse would silently collapse', async () => {
    await expect(parse('{"reason":"a","reason":"b"}')).rejects.toMatchObject({
      type: 'invalid_request',
      message: 'Request body must not repeat a field',
    });
  });

  it('leaves arrays and scalars to validation', async () => {
    expect(await parse('[1,2]')).toEqual([1, 2]);
    expect(await parse('7')).toBe(7);
  });

  it('lets the JSON parser refuse malformed JSON', async () => {
    await expect(parse('{"reason":')).rejects.toMatchObject({ statusCode: 422 });
  });
});
