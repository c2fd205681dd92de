// POST …/referrals/reject: reject up to 100 referrals, each on its own. Its path, price, request, function and contract.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { type BulkRejectRequest, MAX_BULK_IDS } from '../../referrals/reject-many.js';
import { BulkResultSchema } from '../bulk-result.js';
import { IdempotencyKeySchema, ReasonSchema, SentOnceSchema } from '../request-fields.js';
import { MAX_BODY_BYTES } from '../request-limits.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { WRITE_ERRORS } from './common.js';

const BULK_BODY_SHAPE = 'body must be a JSON object with ids (1-100 unique attribution ids) and an optional reason';

export const BulkRejectBodySchema = v.strictObject(
  {
    ids: v.pipe(
      v.array(AttributionIdSchema, 'ids must be an array of attribution ids'),
      v.minLength(1, 'ids must hold at least 1 id'),
      v.maxLength(MAX_BULK_IDS, `ids must hold at most ${MAX_BULK_IDS} ids`),
      v.check((ids) => new Set(ids).size === ids.length, 'ids must not repeat an id'),
      v.metadata({ description: '1-100 unique attribution ids; each is rejected on its own', examples: [['attr-1', 'attr-2']] }),
    ),
    reason: v.optional(ReasonSchema),
  },
  BULK_BODY_SHAPE,
);

const BulkRequestSchema = v.object({
  body: v.pipe(
    // Required, and an object: valibot's object schemas accept arrays, and an absent body is undefined.
    v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BULK_BODY_SHAPE),
    BulkRejectBodySchema,
  ),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const bulkRejectRoute = {
  name: 'bulkRejectReferrals' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/reject`,
  /** Charged per rejected referral, not per request. */
  credits: 1,
  charge: 'by_route',
  successMetric: 'BulkRejections',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: BulkRequestSchema,
  toInput: (parsed): BulkRejectRequest => ({
    ids: parsed.body.ids,
    ...(parsed.body.reason === undefined ? {} : { reason: parsed.body.reason }),
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof BulkRequestSchema, BulkRejectRequest>;

/** Its Lambda function: the handler's entry and the table actions it may use. */
export const bulkRejectFunction: RouteFunction = {
  id: 'BulkRejectFunction',
  entry: 'functions/handlers/bulk-reject/handler.ts',
  grants: {
    referrals: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const bulkRejectContract: RouteContract = {
  operationId: 'bulkRejectReferrals',
  summary: 'Reject up to 100 referrals held for review',
  description:
    'Each referral is rejected on its own transaction (its status change, its activity item and its usage record), so for ' +
    'every referral a rejection, its audit item and its charge exist together or not at all. The credits are reserved ' +
    'first, in one step, and what is not used is given back. A request in which no id could be rejected is still a 200. ' +
    'Charged 1 credit per rejected referral; the request counts once toward the per-minute limit.',
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: 'referrals.adminReferralBulkRejectRequestDoc',
    schema: BulkRejectBodySchema,
    required: true,
    example: { ids: ['attr-1', 'attr-2'], reason: 'same billing account' },
  },
  success: {
    status: 200,
    component: 'referrals.adminReferralBulkRejectResponseDoc',
    schema: BulkResultSchema,
    description: 'The outcome of every id',
    example: {
      results: [
        {
          id: 'attr-1',
          outcome: 'rejected',
          attribution: { id: 'attr-1', status: 'rejected', reviewed_by: 'admin-user', reviewed_at: '2026-11-27T10:00:00.000Z' },
        },
        { id: 'attr-2', outcome: 'conflict', error: { type: 'conflict', context: { status: 'rewarded' } } },
      ],
      counts: { rejected: 1, not_found: 0, conflict: 1, failed: 0, unknown: 0 },
      rejected: 1,
      failed: 1,
    },
    idempotent: true,
  },
  errors: WRITE_ERRORS,
};
