// Drives the real handlers the way API Gateway does: the authorizer first, then the middy-wrapped function.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { PlanTable } from '../../functions/billing/plans.js';
import { plans } from '../../functions/billing/plans.js';
import { createNoteDeps } from '../../functions/handlers/add-note/dependencies.js';
import { handler as addNote, createHandler as createAddNoteHandler } from '../../functions/handlers/add-note/handler.js';
import { handler as approve, createHandler as createApproveHandler } from '../../functions/handlers/approve-referral/handler.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { handler as authorizer, createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { handler as bulkApprove, createHandler as createBulkApproveHandler } from '../../functions/handlers/bulk-approve/handler.js';
import { handler as bulk, createHandler as createBulkHandler } from '../../functions/handlers/bulk-reject/handler.js';
import { handler as claimNext, createHandler as createClaimNextHandler } from '../../functions/handlers/claim-next-referrals/handler.js';
import { handler as claim, createHandler as createClaimHandler } from '../../functions/handlers/claim-referral/handler.js';
import { createClaimDeps, createClaimNextDeps } from '../../functions/handlers/claims/dependencies.js';
import { createHandler as createRejectHandler, handler as reject } from '../../functions/handlers/reject-referral/handler.js';
import { createHandler as createReleaseHandler, handler as release } from '../../functions/handlers/release-claim/handler.js';
import { createReopenDeps } from '../../functions/handlers/reopen-referral/dependencies.js';
import { createHandler as createReopenHandler, handler as reopen } from '../../functions/handlers/reopen-referral/handler.js';
import { createBulkDeps } from '../../functions/handlers/review/bulk-dependencies.js';
import { createDecisionDeps } from '../../functions/handlers/review/dependencies.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createGetHandler, handler as get } from '../../functions/handlers/review-queue/get-handler.js';
import { createHandler as createListHandler, handler as list } from '../../functions/handlers/review-queue/list-handler.js';
import { pathTo, type Route } from '../../functions/http/route.js';
import { approveReferralRoute } from '../../functions/http/routes/approve-referral.js';
import { bulkApproveRoute } from '../../functions/http/routes/bulk-approve.js';
import { bulkRejectRoute } from '../../functions/http/routes/bulk-reject.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import type { Attribution } from '../../functions/referrals/attribution.js';
import type { Observability } from '../../functions/shared/observability.js';
import { createApiGateway } from '../../local/api-gateway.js';
import type { ApiRequest } from '../../local/api-request.js';
import { rawPathTo } from './builders.js';
import { assertConformsToDocument } from './openapi-conformance.js';

type Gateway = ReturnType<typeof createApiGateway>;

/** The emulated API Gateway, with every response it gives held to openapi.json. */
export const checkedGateway = (
  handlers: Parameters<typeof createApiGateway>[0],
  options?: Parameters<typeof createApiGateway>[1],
): Gateway => {
  const gateway = createApiGateway(handlers, options);
  return async (request) => {
    const result = await gateway(request);
    assertConformsToDocument({
      method: request.method,
      path: request.path,
      status: result.statusCode,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: result.body,
    });
    return result;
  };
};

/** Every route's function, on the default clients. */
const allFunctions = {
  rejectReferral: reject,
  approveReferral: approve,
  listReferrals: list,
  getReferral: get,
  bulkRejectReferrals: bulk,
  bulkApproveReferrals: bulkApprove,
  claimReferral: claim,
  releaseClaim: release,
  claimNextReferrals: claimNext,
  addReferralNote: addNote,
  reopenReferral: reopen,
};

export const api = checkedGateway({ authorizer, functions: allFunctions });

/** The same gateway and handlers, with a plan table a test shrinks to reach its limits quickly (and, optionally, its own logger). */
export const apiWithPlans = (overrides: Partial<PlanTable>, now?: () => Date, observability?: Observability) => {
  const adjust = <D extends object>(deps: D) => ({ ...deps, plans: { ...plans, ...overrides }, ...(now ? { now } : {}) });
  return checkedGateway({
    authorizer: observability ? createAuthorizerHandler(createAuthorizerDeps(), observability) : authorizer,
    functions: {
      rejectReferral: createRejectHandler(adjust(createDecisionDeps()), observability),
      approveReferral: createApproveHandler(adjust(createDecisionDeps()), observability),
      listReferrals: createListHandler(adjust(createReviewQueueDeps()), observability),
      getReferral: createGetHandler(adjust(createReviewQueueDeps()), observability),
      bulkRejectReferrals: createBulkHandler(adjust(createBulkDeps()), observability),
      bulkApproveReferrals: createBulkApproveHandler(adjust(createBulkDeps()), observability),
      claimReferral: createClaimHandler(adjust(createClaimDeps()), observability),
      releaseClaim: createReleaseHandler(adjust(createClaimDeps()), observability),
      claimNextReferrals: createClaimNextHandler(adjust(createClaimNextDeps()), observability),
      addReferralNote: createAddNoteHandler(adjust(createNoteDeps()), observability),
      reopenReferral: createReopenHandler(adjust(createReopenDeps()), observability),
    },
  });
};

export type ApiResult = { status: number; headers: Record<string, string>; body: any };

/** The route of each decision, single and bulk, by its action. */
export const decisionRoutes = { reject: rejectReferralRoute, approve: approveReferralRoute } as const;
export const bulkDecisionRoutes = { reject: bulkRejectRoute, approve: bulkApproveRoute } as const;

type DecisionOptions = { headers?: ApiRequest['headers']; body?: unknown; rawBody?: string; rawBytes?: Buffer; gateway?: Gateway };

/** A single decision through the gateway, `reject` or `approve`, the response body parsed; the id is sent as given. */
export const decisionRequest = (action: 'reject' | 'approve', id: string, options: DecisionOptions = {}): Promise<ApiResult> => {
  const body =
    options.rawBytes?.toString('base64') ?? options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  const request = {
    method: 'POST',
    path: rawPathTo(decisionRoutes[action], id),
    headers,
    body,
    isBase64Encoded: options.rawBytes !== undefined,
  };
  return (options.gateway ?? api)(request).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));
};

export const rejectRequest = (id: string, options: DecisionOptions = {}) => decisionRequest('reject', id, options);
export const approveRequest = (id: string, options: DecisionOptions = {}) => decisionRequest('approve', id, options);

export const withKey = (key: string) => ({ 'x-api-key': key });

/** A bulk decision through the gateway, a reject unless told, the response body parsed. */
export const bulkRequest = (
  body: unknown,
  options: { headers?: ApiRequest['headers']; rawBody?: string; gateway?: Gateway; action?: 'reject' | 'approve' } = {},
): Promise<ApiResult> => {
  const raw = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers = { ...(raw === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  return (options.gateway ?? api)({
    method: 'POST',
    path: pathTo(bulkDecisionRoutes[options.action ?? 'reject']),
    headers,
    ...(raw === undefined ? {} : { body: raw }),
  }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));
};

/** Any route through the gateway, by its module's method and path, the body sent as JSON and the response parsed. */
export const routeRequest = (
  route: Pick<Route, 'method' | 'path'>,
  options: { id?: string; query?: string; body?: unknown; headers?: ApiRequest['headers']; gateway?: Gateway } = {},
): Promise<ApiResult> =>
  (options.gateway ?? api)({
    method: route.method,
    path: `${pathTo(route, options.id === undefined ? {} : { id: options.id })}${options.query ? `?${options.query}` : ''}`,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));

/** A GET through the gateway, the response body parsed. */
export const getRequest = (path: string, options: { headers?: ApiRequest['headers']; gateway?: Gateway } = {}): Promise<ApiResult> =>
  (options.gateway ?? api)({ method: 'GET', path, headers: options.headers ?? {} }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));

/** Every id the review queue lists under a status, page after page; each page answers 200 and holds only that status. */
export const walkQueue = async (status: string, options: { headers: ApiRequest['headers']; gateway?: Gateway }): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await getRequest(
      `${pathTo(listReferralsRoute)}?status=${status}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      options,
    );
    expect(response.status).toBe(200);
    for (const attribution of response.body.data.attributions as Attribution[]) {
      expect(attribution.status).toBe(status);
      ids.push(attribution.id);
    }
    cursor = response.body.data.next_cursor;
  } while (cursor);
  return ids;
};

/**
 * The real handlers on given DynamoDB clients (to count their round trips or inject faults), on the functions' own
 * clock and plan table unless given others.
 */
export const apiOnClients = (
  clients: { authorizer: DynamoDBDocumentClient; reject: DynamoDBDocumentClient },
  now?: () => Date,
  planOverrides?: Partial<PlanTable>,
) => {
  const adjust = <D extends object>(deps: D) => ({
    ...deps,
    ...(now ? { now } : {}),
    ...(planOverrides ? { plans: { ...plans, ...planOverrides } } : {}),
  });
  return checkedGateway({
    authorizer: createAuthorizerHandler(createAuthorizerDeps(process.env, clients.authorizer)),
    functions: {
      rejectReferral: createRejectHandler(adjust(createDecisionDeps(process.env, clients.reject))),
      approveReferral: createApproveHandler(adjust(createDecisionDeps(process.env, clients.reject))),
      listReferrals: createListHandler(adjust(createReviewQueueDeps(process.env, clients.reject))),
      getReferral: createGetHandler(adjust(createReviewQueueDeps(process.env, clients.reject))),
      bulkRejectReferrals: createBulkHandler(adjust(createBulkDeps(process.env, clients.reject))),
      bulkApproveReferrals: createBulkApproveHandler(adjust(createBulkDeps(process.env, clients.reject))),
      claimReferral: createClaimHandler(adjust(createClaimDeps(process.env, clients.reject))),
      releaseClaim: createReleaseHandler(adjust(createClaimDeps(process.env, clients.reject))),
      claimNextReferrals: createClaimNextHandler(adjust(createClaimNextDeps(process.env, clients.reject))),
      addReferralNote: createAddNoteHandler(adjust(createNoteDeps(process.env, clients.reject))),
      reopenReferral: createReopenHandler(adjust(createReopenDeps(process.env, clients.reject))),
    },
  });
};

/**
 * The real handlers behind a gateway whose authorizer cache is on, keyed by a credential header as API Gateway would key it
 * (docs/architecture.md): a cached result meets every route. Counts the authorizer's invocations.
 */
export const apiWithAuthorizerCache = (ttlSeconds = 300, identityHeaders: string[] = ['x-api-key']) => {
  let invocations = 0;
  const gateway = checkedGateway(
    {
      authorizer: async (event, context) => {
        invocations += 1;
        return authorizer(event, context);
      },
      functions: allFunctions,
    },
    { authorizerCache: { ttlSeconds, identityHeaders } },
  );
  return { gateway, invocations: () => invocations };
};
