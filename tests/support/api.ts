// Drives the real handlers the way API Gateway does: the authorizer first, then the middy-wrapped function.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PlanTable } from '../../functions/billing/plans.js';
import { plans } from '../../functions/billing/plans.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { handler as authorizer, createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createBulkDeps } from '../../functions/handlers/bulk-reject/dependencies.js';
import { handler as bulk, createHandler as createBulkHandler } from '../../functions/handlers/bulk-reject/handler.js';
import { createRejectDeps } from '../../functions/handlers/reject-referral/dependencies.js';
import { createHandler as createRejectHandler, handler as reject } from '../../functions/handlers/reject-referral/handler.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createGetHandler, handler as get } from '../../functions/handlers/review-queue/get-handler.js';
import { createHandler as createListHandler, handler as list } from '../../functions/handlers/review-queue/list-handler.js';
import type { Observability } from '../../functions/shared/observability.js';
import { createApiGateway } from '../../local/api-gateway.js';
import type { ApiRequest } from '../../local/api-request.js';
import { assertConformsToDocument } from './openapi-conformance.js';

type Gateway = ReturnType<typeof createApiGateway>;

/** The emulated API Gateway, with every response it gives held to openapi.json. */
export const checkedGateway = (handlers: Parameters<typeof createApiGateway>[0]): Gateway => {
  const gateway = createApiGateway(handlers);
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

export const api = checkedGateway({
  authorizer,
  functions: { rejectReferral: reject, listReferrals: list, getReferral: get, bulkRejectReferrals: bulk },
});

/** The same gateway and handlers, with a plan table a test shrinks to reach its limits quickly (and, optionally, its own logger). */
export const apiWithPlans = (overrides: Partial<PlanTable>, now?: () => Date, observability?: Observability) =>
  checkedGateway({
    authorizer: observability ? createAuthorizerHandler(createAuthorizerDeps(), observability) : authorizer,
    functions: {
      rejectReferral: createRejectHandler(
        { ...createRejectDeps(), plans: { ...plans, ...overrides }, ...(now ? { now } : {}) },
        observability,
      ),
      listReferrals: createListHandler(
        { ...createReviewQueueDeps(), plans: { ...plans, ...overrides }, ...(now ? { now } : {}) },
        observability,
      ),
      getReferral: createGetHandler(
        { ...createReviewQueueDeps(), plans: { ...plans, ...overrides }, ...(now ? { now } : {}) },
        observability,
      ),
      bulkRejectReferrals: createBulkHandler(
        { ...createBulkDeps(), plans: { ...plans, ...overrides }, ...(now ? { now } : {}) },
        observability,
      ),
    },
  });

export type ApiResult = { status: number; headers: Record<string, string>; body: any };

export const rejectRequest = (
  id: string,
  options: { headers?: ApiRequest['headers']; body?: unknown; rawBody?: string; rawBytes?: Buffer; gateway?: Gateway } = {},
): Promise<ApiResult> => {
  const body =
    options.rawBytes?.toString('base64') ?? options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers = { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  const request = {
    method: 'POST',
    path: `/api/v1/admin/referrals/${id}/reject`,
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

export const withKey = (key: string) => ({ 'x-api-key': key });

/** A bulk reject through the gateway, the response body parsed. */
export const bulkRequest = (
  body: unknown,
  options: { headers?: ApiRequest['headers']; rawBody?: string; gateway?: Gateway } = {},
): Promise<ApiResult> => {
  const raw = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers = { ...(raw === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers };
  return (options.gateway ?? api)({
    method: 'POST',
    path: '/api/v1/admin/referrals/reject',
    headers,
    ...(raw === undefined ? {} : { body: raw }),
  }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));
};

/** A GET through the gateway, the response body parsed. */
export const getRequest = (path: string, options: { headers?: ApiRequest['headers']; gateway?: Gateway } = {}): Promise<ApiResult> =>
  (options.gateway ?? api)({ method: 'GET', path, headers: options.headers ?? {} }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));

/** The real handlers on given DynamoDB clients (to count their round trips or inject faults). */
export const apiOnClients = (clients: { authorizer: DynamoDBDocumentClient; reject: DynamoDBDocumentClient }) =>
  checkedGateway({
    authorizer: createAuthorizerHandler(createAuthorizerDeps(process.env, clients.authorizer)),
    functions: {
      rejectReferral: createRejectHandler(createRejectDeps(process.env, clients.reject)),
      listReferrals: createListHandler(createReviewQueueDeps(process.env, clients.reject)),
      getReferral: createGetHandler(createReviewQueueDeps(process.env, clients.reject)),
      bulkRejectReferrals: createBulkHandler(createBulkDeps(process.env, clients.reject)),
    },
  });
