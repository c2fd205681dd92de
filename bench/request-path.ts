// The request path the benchmark drives, loaded once the environment points at DynamoDB Local (the handlers read it
// at import), with the admin key and the attributions each measure seeds.
import { LOCAL_TABLE_NAMES } from '../local/dynamodb-local.js';

export const loadRequestPath = async () => {
  // Imported here, not at the top, so that each reads the environment the benchmark set.
  const { instrumentedClient } = await import('../tests/support/instrumented-client.js');
  const { createDocumentClient } = await import('../functions/adapters/dynamodb-client.js');
  const { createApiGateway } = await import('../local/api-gateway.js');
  const { createHandler: createAuthorizer } = await import('../functions/handlers/authorizer/handler.js');
  const { createAuthorizerDeps } = await import('../functions/handlers/authorizer/dependencies.js');
  const { createHandler: createReject } = await import('../functions/handlers/reject-referral/handler.js');
  const { createHandler: createApprove } = await import('../functions/handlers/approve-referral/handler.js');
  const { createHandler: createBulk } = await import('../functions/handlers/bulk-reject/handler.js');
  const { createDecisionDeps } = await import('../functions/handlers/review/dependencies.js');
  const { createBulkDeps } = await import('../functions/handlers/review/bulk-dependencies.js');
  const { createHandler: createList } = await import('../functions/handlers/review-queue/list-handler.js');
  const { createHandler: createGet } = await import('../functions/handlers/review-queue/get-handler.js');
  const { createReviewQueueDeps } = await import('../functions/handlers/review-queue/dependencies.js');
  const { createHandler: createClaim } = await import('../functions/handlers/claim-referral/handler.js');
  const { createHandler: createClaimNext } = await import('../functions/handlers/claim-next-referrals/handler.js');
  const { createClaimDeps, createClaimNextDeps } = await import('../functions/handlers/claims/dependencies.js');
  const { createSeedWriter } = await import('../functions/adapters/seed-writer.js');
  const { plans } = await import('../functions/billing/plans.js');
  const { startHttpServer } = await import('../local/http-server.js');
  const { gatewayErrorResponse } = await import('../functions/http/gateway-responses.js');

  const db = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const seed = createSeedWriter(db, LOCAL_TABLE_NAMES);
  const key = 'ck_bench_admin_000000000000000';
  await seed.putApiKey({ key, userId: 'bench-admin', plan: 'enterprise', admin: true });
  /** Seeds count held attributions named prefix-0, prefix-1, …, 50 at a time, of one referrer, and returns their ids. */
  const seedAttributions = async (prefix: string, count: number, referrer = 'u') => {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map((id) => seed.putAttribution({ id, status: 'review_required', code: 'BENCH', referrer_user_id: referrer })),
      );
    }
    return ids;
  };
  // The latency run alone exceeds a plan's per-minute limit on a fast machine; the limit check itself still runs.
  const unlimited = { ...plans, enterprise: { ...plans.enterprise, ratePerMinute: 1_000_000 } };

  return {
    db,
    seed,
    key,
    seedAttributions,
    unlimited,
    instrumentedClient,
    createApiGateway,
    createAuthorizer,
    createAuthorizerDeps,
    createReject,
    createApprove,
    createDecisionDeps,
    createBulk,
    createBulkDeps,
    createList,
    createGet,
    createReviewQueueDeps,
    createClaim,
    createClaimNext,
    createClaimDeps,
    createClaimNextDeps,
    startHttpServer,
    gatewayErrorResponse,
  };
};

export type RequestPath = Awaited<ReturnType<typeof loadRequestPath>>;
