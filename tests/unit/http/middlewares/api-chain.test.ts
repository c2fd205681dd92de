import { describe, expect, it, vi } from 'vitest';
import { chargeAfterSuccess } from '../../../../functions/billing/charge.js';
import { plans } from '../../../../functions/billing/plans.js';
import { apiChain } from '../../../../functions/http/middlewares/api-chain.js';
import { createObservability } from '../../../../functions/shared/observability.js';
import { aRoute } from '../../../support/builders.js';
import { FakeMeterStore } from '../../../support/fakes.js';
import { context, proxyEvent } from '../../../support/lambda.js';

const authorizer = { principalId: 'key_1', userId: 'u-1', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: 'false' };

const wrap = (options: { chargedBy: 'after_success' | 'use_case'; bodyMaxBytes?: number }) => {
  const observability = createObservability();
  const addMetric = vi.spyOn(observability.metrics, 'addMetric');
  const meter = new FakeMeterStore();
  const handler = apiChain({
    deps: { meter, plans, now: () => new Date('2026-11-30T10:00:00.000Z') },
    route: aRoute({
      chargedBy: options.chargedBy === 'use_case' ? 'use_case' : chargeAfterSuccess,
      ...(options.bodyMaxBytes === undefined ? {} : { bodyMaxBytes: options.bodyMaxBytes }),
    }),
    observability,
  }).handler(async (_event, ctx) => ({ statusCode: 200, body: JSON.stringify({ input: ctx.input ?? null }) }));
  const invoke = (body: string | null) => {
    const event = proxyEvent({ body, headers: { 'content-type': 'application/json' } });
    event.requestContext.authorizer = authorizer as never;
    return handler(event, context() as Parameters<typeof handler>[1]);
  };
  const metrics = () => addMetric.mock.calls.map(([name, , value]) => [name, value]);
  return { invoke, metrics, meter };
};

describe('the API route chain', () => {
  it('charges a read route after its success and counts the credits and the success', async () => {
    const { invoke, metrics, meter } = wrap({ chargedBy: 'after_success' });
    expect((await invoke(null)).statusCode).toBe(200);
    expect(meter.usage).toHaveLength(1);
    expect(metrics()).toEqual(
      expect.arrayContaining([
        ['ChargedCredits', 1],
        ['Things', 1],
      ]),
    );
  });

  it('reads no body on a route that takes none, and parses it, bounded, on one that does', async () => {
    expect(JSON.parse((await wrap({ chargedBy: 'use_case' }).invoke('{"a":1}')).body)).toEqual({ input: '{"a":1}' });
    expect(JSON.parse((await wrap({ chargedBy: 'use_case', bodyMaxBytes: 64 }).invoke('{"a":1}')).body)).toEqual({ input: { a: 1 } });
    expect((await wrap({ chargedBy: 'use_case', bodyMaxBytes: 4 }).invoke('{"a":1}')).statusCode).toBe(400);
  });
});
