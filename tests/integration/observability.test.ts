import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pathTo } from '../../functions/http/route.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import { givenApiKey, givenAttribution } from '../support/table-records.js';

const output: string[] = [];

/** Embedded-metric-format documents written during the test, by metric name. */
const emittedMetrics = () =>
  output
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .flatMap((line) =>
      (JSON.parse(line)._aws.CloudWatchMetrics as { Metrics: { Name: string }[] }[]).flatMap((m) => m.Metrics.map((metric) => metric.Name)),
    );

describe('observability', () => {
  let send: (id: string, key: string) => Promise<number>;

  beforeAll(async () => {
    // Fresh handler modules with metrics turned on, as in AWS.
    vi.resetModules();
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    const { handler: authorizer } = await import('../../functions/handlers/authorizer/handler.js');
    const { createHandler } = await import('../../functions/handlers/reject-referral/handler.js');
    const { createDecisionDeps } = await import('../../functions/handlers/review/dependencies.js');
    const { plans } = await import('../../functions/billing/plans.js');
    const { createApiGateway } = await import('../../local/api-gateway.js');
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const gateway = createApiGateway({
      authorizer,
      functions: {
        // One instant for every request, so that no minute boundary resets the limit between them.
        rejectReferral: createHandler({
          ...createDecisionDeps(),
          now: () => minute,
          plans: { ...plans, starter: { ...plans.starter, ratePerMinute: 1 } },
        }),
      },
    });
    send = async (id, key) =>
      (await gateway({ method: 'POST', path: pathTo(rejectReferralRoute, { id }), headers: { 'x-api-key': key } })).statusCode;
  });

  afterAll(() => {
    vi.restoreAllMocks();
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  });

  it('counts rejections, charged credits, conflicts, limit hits and refusals, and the authorizer its refusals, as embedded metrics', async () => {
    const admin = await givenApiKey({ plan: 'starter' });
    const other = await givenApiKey({ plan: 'pro' });
    const held = await givenAttribution();
    const rewarded = await givenAttribution({ status: 'rewarded' });

    expect(await send(held.id, admin.key)).toBe(200);
    expect(await send(held.id, admin.key)).toBe(429);
    expect(await send(rewarded.id, other.key)).toBe(409);
    expect(await send('no-such-referral', other.key)).toBe(404);
    expect(await send(held.id, `ck_${'z'.repeat(24)}`)).toBe(401);

    expect(emittedMetrics()).toEqual(['ChargedCredits', 'Rejections', 'LimitHits', 'Conflicts', 'Refusals', 'AuthorizerRefusals']);
  });
});
