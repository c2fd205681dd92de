import middy from '@middy/core';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../functions/auth/principal.js';
import { chargeAfterSuccess } from '../../../../functions/billing/charge.js';
import { type Plan, plans } from '../../../../functions/billing/plans.js';
import { ApiError } from '../../../../functions/http/api-error.js';
import { toApiError } from '../../../../functions/http/error-mapping.js';
import { metering } from '../../../../functions/http/middlewares/metering.js';
import type { ApiContext } from '../../../../functions/http/middlewares/request-context.js';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../../../../functions/shared/dependency-errors.js';
import { aRoute } from '../../../support/builders.js';
import { FakeMeterStore } from '../../../support/fakes.js';
import { context, proxyEvent } from '../../../support/lambda.js';

const now = new Date('2026-11-25T10:00:30.000Z');
const principal: Principal = { userId: 'admin-1', subjectId: 'key_1', plan: 'growth', authMethod: 'api_key', overageEnabled: false };

const wrap = (options: {
  chargedBy: 'after_success' | 'use_case';
  plan?: Partial<Plan>;
  respond?: (ctx: ApiContext) => Promise<APIGatewayProxyResult>;
}) => {
  const meter = new FakeMeterStore();
  const warnings: [string, Record<string, unknown>][] = [];
  const log = { warn: (message: string, attributes: Record<string, unknown>) => warnings.push([message, attributes]) };
  const charged: number[] = [];
  const table = { ...plans, growth: { ...plans.growth, ...options.plan } };
  const handler = middy<ReturnType<typeof proxyEvent>, APIGatewayProxyResult, Error, ApiContext>()
    .use({
      before: (request) => {
        request.context.principal = principal;
      },
      onError: (request) => {
        const error = toApiError(request.error);
        request.response = { statusCode: error.statusCode ?? 500, headers: { ...request.context.responseHeaders }, body: error.type };
      },
    })
    .use(
      metering({
        meter,
        plans: table,
        now: () => now,
        route: aRoute({ chargedBy: options.chargedBy === 'use_case' ? 'use_case' : chargeAfterSuccess }),
        log,
        onCreditsCharged: (credits) => charged.push(credits),
      }),
    )
    .handler(async (_event, ctx) => {
      if (options.respond) return options.respond(ctx);
      await ctx.admission;
      return { statusCode: 200, headers: { 'x-own': '1' }, body: 'ok' };
    });
  return { meter, warnings, charged, invoke: () => handler(proxyEvent(), context()) };
};

describe('the metering middleware', () => {
  it('admits a request, puts the limit headers on the response and charges a success once, after it', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success' });
    const response = await invoke();
    expect(response.headers).toEqual({
      'ratelimit-policy': '"per-minute";q=45;w=60',
      ratelimit: '"per-minute";r=44;t=30',
      'x-ratelimit-limit': '45',
      'x-ratelimit-remaining': '44',
      'x-ratelimit-reset': String(Date.parse('2026-11-25T10:01:00.000Z') / 1000),
      'x-own': '1',
    });
    expect(meter.usage).toEqual([
      expect.objectContaining({
        request_id: 'gateway-request-1',
        endpoint: 'GET /things',
        credits: 1,
        status_code: 200,
        user_id: 'admin-1',
      }),
    ]);
  });

  it('tells each charge it makes, with its credits', async () => {
    const { invoke, charged } = wrap({ chargedBy: 'after_success' });
    await invoke();
    expect(charged).toEqual([1]);
  });

  it('charges nothing for a route that charges inside its own transaction', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'use_case' });
    expect((await invoke()).statusCode).toBe(200);
    expect(meter.usage).toEqual([]);
  });

  it('tells the credits a route charged in its own transaction, and nothing for a replay that charged none', async () => {
    const charging = wrap({
      chargedBy: 'use_case',
      respond: async (ctx) => {
        ctx.creditsCharged = 2;
        return { statusCode: 200, body: '' };
      },
    });
    await charging.invoke();
    expect(charging.charged).toEqual([2]);
    const replay = wrap({ chargedBy: 'use_case' });
    await replay.invoke();
    expect(replay.charged).toEqual([]);
  });

  it.each([199, 300, 404])('charges nothing for a %i', async (statusCode) => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success', respond: async () => ({ statusCode, body: '' }) });
    await invoke();
    expect(meter.usage).toEqual([]);
  });

  it('charges a 201 and a 299', async () => {
    for (const statusCode of [201, 299]) {
      const { meter, invoke } = wrap({ chargedBy: 'after_success', respond: async () => ({ statusCode, body: '' }) });
      await invoke();
      expect(meter.usage).toHaveLength(1);
    }
  });

  it('refuses over the per-minute limit with 429, the headers and nothing charged, whatever the handler did', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success', plan: { ratePerMinute: 1 } });
    await invoke();
    const refused = await invoke();
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toBe('rate_limited');
    expect(refused.headers).toMatchObject({ 'x-ratelimit-remaining': '0', ratelimit: '"per-minute";r=0;t=30' });
    expect(meter.usage).toHaveLength(1);
  });

  it('lets the limit answer win over the handler own error', async () => {
    const { invoke } = wrap({
      chargedBy: 'use_case',
      plan: { ratePerMinute: 0 },
      respond: async () => {
        throw new ApiError('not_found');
      },
    });
    expect((await invoke()).body).toBe('rate_limited');
  });

  it('keeps the handler own error when the request was admitted', async () => {
    const { invoke } = wrap({
      chargedBy: 'use_case',
      respond: async () => {
        throw new ApiError('not_found');
      },
    });
    expect((await invoke()).body).toBe('not_found');
  });

  it('refuses a success past the daily cap with 429 instead of returning it uncharged', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success', plan: { dailyCap: 0 } });
    const response = await invoke();
    expect(response.statusCode).toBe(429);
    expect(response.body).toBe('daily_cap_reached');
    expect(meter.usage).toEqual([]);
  });

  it('lets a success stand when its charge stays unknown, and says so in the log: a 5xx is never charged', async () => {
    const { meter, invoke, warnings, charged } = wrap({ chargedBy: 'after_success' });
    meter.failingCharges.push(new WriteOutcomeUnknown(new Error('socket hang up')));
    const response = await invoke();
    expect(response.statusCode).toBe(200);
    // Not counted as charged: it may not have been.
    expect(charged).toEqual([]);
    expect(warnings).toEqual([['the charge of a success has an unknown outcome; the success stands', { credits: 1 }]]);
  });

  it('answers a failed charge that surely did not apply with its error', async () => {
    const { meter, invoke, warnings } = wrap({ chargedBy: 'after_success' });
    meter.failingCharges.push(new DependencyUnavailable(new Error('throttled')));
    expect((await invoke()).body).toBe('dependency_unavailable');
    expect(warnings).toEqual([]);
  });

  it('answers a retryable 409 when the counters stay contended', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success' });
    meter.scripted.push({ committed: false, refusal: 'contention' });
    expect((await invoke()).body).toBe('concurrent_update');
  });

  it('refuses with 429 when the last included credit was taken meanwhile and the plan has no overage', async () => {
    const { meter, invoke } = wrap({ chargedBy: 'after_success', plan: { includedCreditsPerMonth: 10 } });
    meter.scripted.push({ committed: false, refusal: 'included_credits' });
    // Growth without overage enabled cannot go on as overage.
    expect((await invoke()).body).toBe('credits_exhausted');
    expect(meter.usage).toEqual([]);
  });
});
