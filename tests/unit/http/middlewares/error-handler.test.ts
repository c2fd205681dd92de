import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { createError } from '@middy/util';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../functions/http/api-error.js';
import { toApiError } from '../../../../functions/http/error-mapping.js';
import { errorHandler, failureMetric } from '../../../../functions/http/middlewares/error-handler.js';
import { context, proxyEvent, recordingObservability } from '../../../support/lambda.js';

const wrap = (fail?: () => never) => {
  const observed = recordingObservability();
  const handler = middy(async (): Promise<APIGatewayProxyResult> => {
    fail?.();
    return { statusCode: 200, body: '{}' };
  }).use(
    errorHandler({
      logger: observed.logger as unknown as Logger,
      metrics: observed.metricsRecorder as unknown as Metrics,
      successMetric: 'Rejections',
    }),
  );
  return { observed, invoke: () => handler(proxyEvent(), context()) };
};

describe('the error envelope middleware', () => {
  it('counts a success under the route metric and names the request on every log line', async () => {
    const { observed, invoke } = wrap();
    expect(await invoke()).toEqual({ statusCode: 200, body: '{}' });
    expect(observed.metrics).toEqual([{ name: 'Rejections', value: 1 }]);
    observed.logger.info('x');
    expect(observed.lines[0]?.attributes.request_id).toBe('gateway-request-1');
  });

  it("gives a limit's retry_after as the Retry-After header: the domain names the wait, the edge renders it", async () => {
    const { invoke } = wrap(() => {
      throw new ApiError('rate_limited', { context: { limit: 'requests_per_minute', retry_after: 42 } });
    });
    const response = await invoke();
    expect(response.headers).toMatchObject({ 'retry-after': '42' });
    expect(JSON.parse(response.body).error.context).toEqual({ limit: 'requests_per_minute', retry_after: 42 });
  });

  it('renders a typed error as its envelope with the request id header, its context and its headers', async () => {
    const { invoke } = wrap(() => {
      throw new ApiError('daily_cap_reached', { context: { limit: 'daily_credits' }, headers: { 'retry-after': '5' } });
    });
    const response = await invoke();
    expect(response.statusCode).toBe(429);
    expect(response.headers).toEqual({ 'retry-after': '5', 'content-type': 'application/json', 'x-request-id': 'gateway-request-1' });
    expect(JSON.parse(response.body)).toEqual({
      code: 429,
      msg: 'Plan daily credit cap reached',
      data: null,
      error: { type: 'daily_cap_reached', retryable: true, context: { limit: 'daily_credits' } },
      request_id: 'gateway-request-1',
    });
  });

  it('answers an unknown error with a generic 500 that echoes neither its message nor its stack, and logs it', async () => {
    const { observed, invoke } = wrap(() => {
      throw new Error('secret detail at /var/task/index.js:1');
    });
    const response = await invoke();
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('index.js');
    expect(JSON.parse(response.body)).toMatchObject({ msg: 'Internal server error', error: { type: 'internal', retryable: false } });
    expect(observed.lines).toEqual([expect.objectContaining({ level: 'error', message: 'request failed' })]);
    expect(observed.metrics).toEqual([{ name: 'Errors', value: 1 }]);
  });

  it('never exposes the message of a 5xx typed error', async () => {
    const { invoke } = wrap(() => {
      throw new ApiError('dependency_unavailable', { message: 'table users-prod throttled' });
    });
    const body = JSON.parse((await invoke()).body);
    expect(body).toMatchObject({ code: 500, msg: 'Internal server error', error: { type: 'dependency_unavailable', retryable: true } });
  });

  it.each([
    [415, 'Content-Type must be application/json'],
    [422, 'Request body must be valid JSON'],
  ])("turns middy's own %i into a 400 invalid_request", async (status, message) => {
    const { observed, invoke } = wrap(() => {
      throw createError(status, 'x');
    });
    const response = await invoke();
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ msg: message, error: { type: 'invalid_request' } });
    expect(observed.lines).toEqual([expect.objectContaining({ level: 'info', message: 'request refused' })]);
  });

  it('logs a refusal with its type and status, and a failure with its type and the error', async () => {
    const refused = wrap(() => {
      throw new ApiError('not_found');
    });
    await refused.invoke();
    expect(refused.observed.lines).toEqual([
      expect.objectContaining({ level: 'info', attributes: expect.objectContaining({ error_type: 'not_found', status: 404 }) }),
    ]);
    expect(refused.observed.metadata).toEqual({});
    const failed = wrap(() => {
      throw new Error('boom');
    });
    await failed.invoke();
    expect(failed.observed.lines).toEqual([
      expect.objectContaining({
        level: 'error',
        attributes: expect.objectContaining({ error_type: 'internal', error: expect.any(Error) }),
      }),
    ]);
  });

  it.each([
    [400, 400],
    [499, 400],
    [500, 500],
  ])("maps middy's exposed %i to %i", async (status, expected) => {
    const { invoke } = wrap(() => {
      throw createError(status, 'x', { expose: true });
    });
    expect((await invoke()).statusCode).toBe(expected);
  });

  it.each([null, undefined, 'a string'])('answers a thrown %o with a generic 500', (thrown) => {
    expect(toApiError(thrown)).toMatchObject({ type: 'internal', statusCode: 500 });
  });

  it('treats a middy error that is not exposed as internal', async () => {
    const { invoke } = wrap(() => {
      throw createError(400, 'x', { expose: false });
    });
    expect((await invoke()).statusCode).toBe(500);
  });

  it('records which limit was hit', async () => {
    const { observed, invoke } = wrap(() => {
      throw new ApiError('credits_exhausted');
    });
    await invoke();
    expect(observed.metrics).toEqual([{ name: 'LimitHits', value: 1 }]);
    expect(observed.metadata).toEqual({ limit: 'credits_exhausted' });
  });

  it.each([
    ['conflict', 'Conflicts'],
    ['concurrent_update', 'Conflicts'],
    ['request_in_progress', 'Conflicts'],
    ['rate_limited', 'LimitHits'],
    ['daily_cap_reached', 'LimitHits'],
    ['internal', 'Errors'],
    ['dependency_unavailable', 'Errors'],
    ['gateway_timeout', 'Errors'],
    ['not_found', 'Refusals'],
    ['invalid_request', 'Refusals'],
  ] as const)('counts %s under %s', (type, metric) => {
    expect(failureMetric(type)).toBe(metric);
  });
});
