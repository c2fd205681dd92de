import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { authorizedPrincipal } from '../../../functions/middlewares/authorized-principal.js';
import { optionalJsonBody } from '../../../functions/middlewares/optional-json-body.js';
import type { ApiContext } from '../../../functions/middlewares/request-context.js';
import { validateRequest } from '../../../functions/middlewares/validate-request.js';
import { type RejectRequest, RejectRequestSchema, toRejectRequest } from '../../../functions/referrals/reject-request.js';
import { context, proxyEvent } from '../../support/lambda.js';

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

describe('the request validation middleware', () => {
  const validate = async (event: Record<string, unknown>) => {
    let input: RejectRequest | undefined;
    const handler = middy<unknown, unknown, Error, ApiContext<RejectRequest>>()
      .use(validateRequest(RejectRequestSchema, toRejectRequest))
      .handler(async (_event, ctx) => {
        input = ctx.input;
      });
    await handler(event, context() as ApiContext<RejectRequest>);
    return input;
  };

  it('hands the handler the typed request', async () => {
    expect(await validate({ pathParameters: { id: 'attr-1' }, body: { reason: '  fraud ' }, headers: { 'idempotency-key': 'k' } })).toEqual(
      {
        attributionId: 'attr-1',
        reason: 'fraud',
        idempotencyKey: 'k',
      },
    );
    expect(await validate({ pathParameters: { id: 'attr-1' }, body: undefined, headers: {} })).toEqual({ attributionId: 'attr-1' });
  });

  it('refuses with 400, naming every failing field', async () => {
    await expect(validate({ pathParameters: { id: 'a/b' }, body: { reason: '', extra: 1 }, headers: {} })).rejects.toMatchObject({
      type: 'invalid_request',
      message: 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -',
      context: {
        issues: [
          { field: 'pathParameters.id', message: 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -' },
          { field: 'body.reason', message: 'reason must not be blank' },
          { field: 'body.extra', message: 'body must be a JSON object whose only field is reason' },
        ],
      },
    });
  });
});

describe('the authorized principal middleware', () => {
  const run = async (authorizer: unknown) => {
    let principal: unknown;
    const handler = middy<ReturnType<typeof proxyEvent>, unknown, Error, ApiContext>()
      .use(authorizedPrincipal())
      .handler(async (_event, ctx) => {
        principal = ctx.principal;
      });
    const event = proxyEvent();
    event.requestContext.authorizer = authorizer as never;
    await handler(event, context() as ApiContext);
    return principal;
  };

  it('reads the principal the authorizer handed over', async () => {
    expect(
      await run({ principalId: 'k', userId: 'u', subjectId: 'k', plan: 'pro', authMethod: 'api_key', overageEnabled: 'false' }),
    ).toEqual({
      userId: 'u',
      subjectId: 'k',
      plan: 'pro',
      authMethod: 'api_key',
      overageEnabled: false,
    });
  });

  it('refuses with 401 an event without a request context (a direct invocation)', async () => {
    const handler = middy<ReturnType<typeof proxyEvent>, unknown, Error, ApiContext>()
      .use(authorizedPrincipal())
      .handler(async () => 'reached');
    const event = { ...proxyEvent(), requestContext: undefined } as unknown as ReturnType<typeof proxyEvent>;
    await expect(handler(event, context() as ApiContext)).rejects.toMatchObject({ type: 'unauthorized' });
  });

  it.each([null, {}, { userId: 'u', subjectId: 'k', plan: 'gold', authMethod: 'api_key', overageEnabled: 'false' }])(
    'refuses with 401 when the context is %o',
    async (authorizer) => {
      await expect(run(authorizer)).rejects.toMatchObject({ type: 'unauthorized', statusCode: 401 });
    },
  );
});
