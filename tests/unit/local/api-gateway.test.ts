import type { APIGatewayAuthorizerResult, APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { pathTo } from '../../../functions/http/route.js';
import { ADMIN_API } from '../../../functions/http/routes/api-base.js';
import { approveReferralRoute } from '../../../functions/http/routes/approve-referral.js';
import { rejectReferralRoute } from '../../../functions/http/routes/reject-referral.js';
import { type AuthorizerHandler, createApiGateway, type ProxyHandler } from '../../../local/api-gateway.js';
import { matchesBinaryMediaType } from '../../../local/api-request.js';
import { matchesArn } from '../../../local/iam-arn.js';
import { lambdaContext } from '../../../local/lambda-context.js';
import { rawPathTo } from '../../support/builders.js';

// The emulation that every integration and local-API test drives, checked against what AWS documents.
// Each rule's page is cited beside it in local/api-gateway.ts or the module of local/ that holds the rule.

const allow = (resource = 'arn:aws:execute-api:us-east-1:123456789012:localapi/local/*'): APIGatewayAuthorizerResult => ({
  principalId: 'key_1',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] },
  context: { userId: 'u', overageEnabled: false, count: 3 },
});

const seen: { authorizer?: APIGatewayRequestAuthorizerEvent; proxy?: APIGatewayProxyEvent } = {};

const gateway = (
  options: { authorizer?: AuthorizerHandler; fn?: ProxyHandler; functionTimeoutMs?: number; integrationTimeoutMs?: number } = {},
) =>
  createApiGateway(
    {
      authorizer:
        options.authorizer ??
        (async (event) => {
          seen.authorizer = event;
          return allow();
        }),
      functions: {
        rejectReferral:
          options.fn ??
          (async (event) => {
            seen.proxy = event;
            return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
          }),
      },
    },
    { functionTimeoutMs: options.functionTimeoutMs ?? 1_000, integrationTimeoutMs: options.integrationTimeoutMs ?? 29_000 },
  );

const post = (
  api: ReturnType<typeof gateway>,
  request: { path?: string; headers?: Record<string, string | string[]>; body?: string } = {},
) =>
  api({
    method: 'POST',
    path: request.path ?? pathTo(rejectReferralRoute, { id: 'attr-1' }),
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
  });

const envelopeOf = (result: { body: string }) => JSON.parse(result.body);

/** A Gateway Response names the request in its body by API Gateway's own id; its header is x-amzn-RequestId, nothing mapped. */
const expectGatewayRequestIds = (result: APIGatewayProxyResult) => {
  expect(result.headers?.['x-request-id']).toBeUndefined();
  expect(result.headers?.['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/);
  expect(envelopeOf(result).request_id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
};

describe('the API Gateway emulation', () => {
  it('gives the function the time left of its timeout, counting down from the invocation', () => {
    const context = lambdaContext('fn', 'id', Date.now() - 4_000);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(6_000);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(5_000);
    expect(lambdaContext('fn', 'id', Date.now() - 60_000).getRemainingTimeInMillis()).toBe(0);
  });

  it('passes the function response through, with API Gateway request id header', async () => {
    const result = await post(gateway());
    expect(result).toMatchObject({
      statusCode: 200,
      body: '{"ok":true}',
      headers: { 'content-type': 'application/json', 'x-amzn-RequestId': expect.any(String) },
    });
  });

  it("hands the function both request ids: a client's UUID in x-amzn-RequestId as requestId, and its own extendedRequestId", async () => {
    const chosen = '0b4a6f3e-2a1c-4d7e-9f00-5c3b2a1d0e9f';
    const result = await post(gateway(), { headers: { 'x-amzn-RequestId': chosen } });
    expect(seen.proxy?.requestContext.requestId).toBe(chosen);
    expect(seen.authorizer?.requestContext.requestId).toBe(chosen);
    expect(result.headers?.['x-amzn-RequestId']).toBe(chosen);
    const extended = seen.proxy?.requestContext.extendedRequestId;
    expect(extended).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(seen.authorizer?.requestContext.extendedRequestId).toBe(extended);
    const again = await post(gateway(), { headers: { 'x-amzn-RequestId': chosen } });
    expect(again.headers?.['x-amzn-RequestId']).toBe(chosen);
    expect(seen.proxy?.requestContext.extendedRequestId).not.toBe(extended);
  });

  it('mints its own requestId when x-amzn-RequestId is not a UUID', async () => {
    await post(gateway(), { headers: { 'x-amzn-RequestId': 'mine' } });
    expect(seen.proxy?.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route or method with the MISSING_AUTHENTICATION_TOKEN response (404 route_not_found)', async () => {
    // A route this gateway has no function for, and the reject's path with an empty id.
    for (const request of [{ path: pathTo(approveReferralRoute, { id: 'attr-1' }) }, { path: pathTo(rejectReferralRoute, { id: '' }) }]) {
      const result = await post(gateway(), request);
      expect(result.statusCode).toBe(404);
      expect(envelopeOf(result)).toMatchObject({ code: 404, error: { type: 'route_not_found', retryable: false } });
      expectGatewayRequestIds(result);
    }
  });

  it('hands path parameters over as sent, not percent-decoded, as a REST API does', async () => {
    const path = rawPathTo(rejectReferralRoute, 'a%2Fb%ZZ');
    await post(gateway(), { path });
    expect(seen.proxy?.pathParameters).toEqual({ id: 'a%2Fb%ZZ' });
    expect(seen.proxy?.path).toBe(path);
    expect(seen.authorizer?.pathParameters).toEqual({ id: 'a%2Fb%ZZ' });
  });

  it('sends both request ids on every response: the function answer, a Gateway Response and its own refusals', async () => {
    const answers = [
      await post(gateway()),
      await post(gateway(), { path: `${ADMIN_API}/nowhere` }),
      await post(gateway(), { path: pathTo(rejectReferralRoute, { id: 'a'.repeat(1600) }) }),
    ];
    for (const answer of answers) {
      expect(answer.headers?.['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.headers?.['x-amz-apigw-id']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    }
    expect(envelopeOf(answers[1] as APIGatewayProxyResult).request_id).toBe(answers[1]?.headers?.['x-amz-apigw-id']);
  });

  it('keeps header names as the client sent them, in headers and multiValueHeaders', async () => {
    await post(gateway(), { headers: { 'X-Api-Key': 'k', Accept: ['a', 'b'] } });
    expect(seen.proxy?.headers).toEqual({ 'X-Api-Key': 'k', Accept: 'b' });
    expect(seen.proxy?.multiValueHeaders).toEqual({ 'X-Api-Key': ['k'], Accept: ['a', 'b'] });
    expect(seen.authorizer?.headers).toEqual({ 'X-Api-Key': 'k', Accept: 'b' });
  });

  it('parses the query string into single and multi-value parameters', async () => {
    await post(gateway(), { path: `${pathTo(rejectReferralRoute, { id: 'attr-1' })}?a=1&a=2&b=x%20y` });
    expect(seen.proxy?.queryStringParameters).toEqual({ a: '2', b: 'x y' });
    expect(seen.proxy?.multiValueQueryStringParameters).toEqual({ a: ['1', '2'], b: ['x y'] });
    expect(seen.proxy?.path).toBe(pathTo(rejectReferralRoute, { id: 'attr-1' }));
  });

  it('hands the authorizer context over with every value a string, and the principal id', async () => {
    await post(gateway());
    expect(seen.proxy?.requestContext.authorizer).toEqual({ principalId: 'key_1', userId: 'u', overageEnabled: 'false', count: '3' });
  });

  describe('the authorizer', () => {
    it('answers "Unauthorized" with 401', async () => {
      const result = await post(gateway({ authorizer: async () => Promise.reject(new Error('Unauthorized')) }));
      expect(result.statusCode).toBe(401);
      expect(envelopeOf(result)).toMatchObject({ error: { type: 'unauthorized', retryable: false } });
    });

    it('answers any other throw with 500 AUTHORIZER_CONFIGURATION_ERROR, retryable', async () => {
      const result = await post(gateway({ authorizer: async () => Promise.reject(new Error('boom')) }));
      expect(result.statusCode).toBe(500);
      expect(envelopeOf(result)).toMatchObject({ code: 500, error: { type: 'dependency_unavailable', retryable: true } });
      expectGatewayRequestIds(result);
    });

    it.each([
      ['no principalId', { policyDocument: allow().policyDocument }],
      ['no policy document', { principalId: 'p' }],
      ['an empty policy', { principalId: 'p', policyDocument: { Version: '2012-10-17', Statement: [] } }],
      ['an object in the context', { ...allow(), context: { nested: { a: 1 } } }],
      ['an array in the context', { ...allow(), context: { list: ['a'] } }],
      ['null in the context', { ...allow(), context: { none: null } }],
    ])('answers output with %s with 500 AUTHORIZER_CONFIGURATION_ERROR', async (_name, output) => {
      const result = await post(gateway({ authorizer: async () => output as APIGatewayAuthorizerResult }));
      expect(result.statusCode).toBe(500);
      expect(envelopeOf(result).error.type).toBe('dependency_unavailable');
    });

    it('denies (403) when the policy Denies, or Allows only another resource or action', async () => {
      const other = allow('arn:aws:execute-api:us-east-1:123456789012:localapi/other-stage/*');
      const wrongAction: APIGatewayAuthorizerResult = {
        ...allow(),
        policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:ManageConnections', Effect: 'Allow', Resource: '*' }] },
      };
      const denied: APIGatewayAuthorizerResult = {
        ...allow(),
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: '*' },
            { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: 'arn:aws:execute-api:*:*:localapi/local/POST/*' },
          ],
        },
      };
      for (const output of [other, wrongAction, denied]) {
        const result = await post(gateway({ authorizer: async () => output }));
        expect(result.statusCode).toBe(403);
        expect(envelopeOf(result).error).toMatchObject({ type: 'forbidden', retryable: false });
      }
    });
  });

  describe('the integration', () => {
    it('delivers a body with a Content-Type base64-encoded, byte for byte, as binaryMediaTypes */* does', async () => {
      const bytes = Buffer.from([0x7b, 0xff, 0xc3, 0x28, 0x7d]);
      await post(gateway(), { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{"reason":"é"}' });
      expect(seen.proxy).toMatchObject({ isBase64Encoded: true, body: Buffer.from('{"reason":"é"}').toString('base64') });
      const api = gateway();
      await api({
        method: 'POST',
        path: pathTo(rejectReferralRoute, { id: 'a' }),
        headers: { 'content-type': 'x/y' },
        body: bytes.toString('base64'),
        isBase64Encoded: true,
      });
      expect(Buffer.from(seen.proxy?.body ?? '', 'base64')).toEqual(bytes);
    });

    it('delivers a body without a Content-Type as UTF-8 text, and no body as null', async () => {
      await post(gateway(), { body: '{"reason":"é"}' });
      expect(seen.proxy).toMatchObject({ isBase64Encoded: false, body: '{"reason":"é"}' });
      await post(gateway());
      expect(seen.proxy).toMatchObject({ isBase64Encoded: false, body: null });
    });

    it.each([
      ['application/json', ['*/*'], true],
      ['Application/JSON; charset=utf-8', ['application/json'], true],
      ['application/json', ['application/*'], true],
      ['application/json', ['text/*'], false],
      ['application/json', ['application/xml'], false],
      ['application', ['*/*'], false],
      ['', ['*/*'], false],
      [undefined, ['*/*'], false],
    ])('matches the Content-Type %o against %o: %o', (contentType, types, matches) => {
      expect(matchesBinaryMediaType(contentType, types)).toBe(matches);
    });

    it('answers a function that throws with 502, retryable', async () => {
      const result = await post(gateway({ fn: async () => Promise.reject(new Error('crash')) }));
      expect(result.statusCode).toBe(502);
      expect(envelopeOf(result)).toMatchObject({ error: { type: 'upstream_failure', retryable: true } });
    });

    it.each([
      ['a status code that is no number', { statusCode: 'test', body: '{}' }],
      ['a fractional status code', { statusCode: 200.5, body: '{}' }],
      ['a key outside the proxy response', { statusCode: 200, body: '{}', wrongValue: 'value' }],
      ['a body that is no string', { statusCode: 200, body: { a: 1 } }],
      ['headers that are no map of strings', { statusCode: 200, body: '', headers: { a: { b: 1 } } }],
      ['nothing at all', undefined],
    ])('answers a malformed function response (%s) with 502', async (_name, response) => {
      const result = await post(gateway({ fn: async () => response as never }));
      expect(result.statusCode).toBe(502);
      expect(envelopeOf(result).error.type).toBe('upstream_failure');
    });

    it('takes a numeric string status code, and no status code as 200, as AWS was recorded to', async () => {
      expect((await post(gateway({ fn: async () => ({ statusCode: '201', body: '' }) as never }))).statusCode).toBe(201);
      expect((await post(gateway({ fn: async () => ({ headers: { a: 'b' } }) as never }))).statusCode).toBe(200);
    });

    it('answers a function that outlives its own timeout with 502 (a function error)', async () => {
      const slow: ProxyHandler = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '' }), 200));
      const result = await post(gateway({ fn: slow, functionTimeoutMs: 50 }));
      expect(result.statusCode).toBe(502);
    });

    it('answers with 504 INTEGRATION_TIMEOUT when the 29 s integration timeout comes first', async () => {
      const slow: ProxyHandler = () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '' }), 200));
      const result = await post(gateway({ fn: slow, functionTimeoutMs: 1_000, integrationTimeoutMs: 50 }));
      expect(result.statusCode).toBe(504);
      expect(envelopeOf(result).error).toMatchObject({ type: 'gateway_timeout', retryable: true });
    });
  });

  describe('limits', () => {
    it('lets the web ACL block a body over 16 KB with 403 WAF_FILTERED, before the authorizer', async () => {
      let called = false;
      const api = gateway({
        authorizer: async () => {
          called = true;
          return allow();
        },
      });
      const result = await post(api, { body: 'x'.repeat(16 * 1024 + 1) });
      expect(result.statusCode).toBe(403);
      expect(envelopeOf(result).error).toMatchObject({ type: 'request_blocked', retryable: false });
      expect(called).toBe(false);
      expect((await post(api, { body: 'x'.repeat(16 * 1024) })).statusCode).toBe(200);
    });

    it('answers a payload over 10 MB with a plain-text 413 before API Gateway names the request, which cannot be customized', async () => {
      const result = await post(gateway(), { body: 'x'.repeat(10 * 1024 * 1024 + 1) });
      expect(result.statusCode).toBe(413);
      expect(result.headers).toEqual({ 'content-type': 'text; charset=utf-8' });
      expect(result.body).toBe('HTTP content length exceeded 10485760 bytes.');
    });

    it('answers 414 when the method ARN with its path parameters is over 1,600 bytes', async () => {
      const result = await post(gateway(), { path: pathTo(rejectReferralRoute, { id: 'a'.repeat(1600) }) });
      expect(result.statusCode).toBe(414);
      expect(JSON.parse(result.body)).toEqual({ message: 'Request URI too long' });
    });

    it('refuses headers over 10,240 bytes in all', async () => {
      const result = await post(gateway(), { headers: { 'x-api-key': 'k'.repeat(10_240) } });
      expect(result.statusCode).toBe(431);
      expect((await post(gateway(), { headers: { 'x-api-key': 'k'.repeat(10_000) } })).statusCode).toBe(200);
    });
  });

  it('matches IAM resources with * across slashes and ? for one character', () => {
    expect(matchesArn('arn:aws:execute-api:us-east-1:1:api/dev/*', 'arn:aws:execute-api:us-east-1:1:api/dev/POST/a/b')).toBe(true);
    expect(matchesArn('arn:aws:execute-api:us-east-1:1:api/dev/*', 'arn:aws:execute-api:us-east-1:1:api/prod/POST/a')).toBe(false);
    expect(matchesArn('arn:aws:execute-api:us-east-1:1:api/de?/*', 'arn:aws:execute-api:us-east-1:1:api/dev/GET/x')).toBe(true);
    expect(matchesArn('arn:aws:execute-api:us-east-1:1:api.x/*', 'arn:aws:execute-api:us-east-1:1:apiXx/y')).toBe(false);
  });
});
