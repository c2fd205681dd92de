// What the two bulk-decision routes, `…/referrals/reject` and `…/referrals/approve`, share: the request they accept,
// the input they hand the bulk use case, their price, their function's grants and their contract's shape. Each route
// module names its decision; nothing else differs.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { type BulkDecisionRequest, MAX_BULK_IDS } from '../../referrals/bulk-request.js';
import type { Decision } from '../../referrals/decision.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { IdempotencyKeySchema, ReasonSchema, reasonCodeSchema, SentOnceSchema } from '../request-fields.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { WRITE_ERRORS } from './common.js';

const BULK_BODY_SHAPE = 'body must be a JSON object with ids (1-100 unique attribution ids) and an optional reason and reason_code';

/** The body's shape, as documented (`referrals.adminReferralBulkRejectRequestDoc`, `…BulkApproveRequestDoc`): the decision's own codes. */
export const bulkDecisionBodySchema = (decision: Decision) =>
  v.strictObject(
    {
      ids: v.pipe(
        v.array(AttributionIdSchema, 'ids must be an array of attribution ids'),
        v.minLength(1, 'ids must hold at least 1 id'),
        v.maxLength(MAX_BULK_IDS, `ids must hold at most ${MAX_BULK_IDS} ids`),
        v.check((ids) => new Set(ids).size === ids.length, 'ids must not repeat an id'),
        v.metadata({ description: '1-100 unique attribution ids; each is decided on its own', examples: [['attr-1', 'attr-2']] }),
      ),
      reason: v.optional(ReasonSchema),
      reason_code: v.optional(reasonCodeSchema(decision.reasonCodes)),
    },
    BULK_BODY_SHAPE,
  );

const bulkRequestSchema = (decision: Decision) =>
  v.object({
    body: v.pipe(
      // Required, and an object: valibot's object schemas accept arrays, and an absent body is undefined.
      v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BULK_BODY_SHAPE),
      bulkDecisionBodySchema(decision),
    ),
    headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
    multiValueHeaders: SentOnceSchema,
  });

/** `POST …/referrals/<action>`: charged 1 credit per referral decided, not per request. */
export const bulkDecisionRoute = <Name extends string>(spec: { name: Name; decision: Decision; successMetric: string }) => {
  const request = bulkRequestSchema(spec.decision);
  return {
    name: spec.name,
    method: 'POST',
    path: `${ADMIN_API}/referrals/${spec.decision.action}`,
    /** The decision this route makes: its handler reads it from here, so the two cannot disagree. */
    decision: spec.decision,
    permission: 'referrals:decide_bulk',
    credits: 1,
    chargedBy: 'use_case',
    successMetric: spec.successMetric,
    bodyMaxBytes: MAX_BODY_BYTES,
    request,
    toInput: (parsed): BulkDecisionRequest => ({
      ids: parsed.body.ids,
      ...(parsed.body.reason === undefined ? {} : { reason: parsed.body.reason }),
      ...(parsed.body.reason_code === undefined ? {} : { reasonCode: parsed.body.reason_code }),
      ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
    }),
  } satisfies Route<typeof request, BulkDecisionRequest> & { decision: Decision };
};

/** Its Lambda function: the handler's entry and the table actions a bulk decision uses. */
export const bulkDecisionFunction = (id: string, entry: string): RouteFunction => ({
  id,
  entry,
  grants: {
    referrals: ['dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
});

/** What the OpenAPI document says of a bulk decision route: the texts are the route's, the shape is the decision's. */
export const bulkDecisionContract = (spec: {
  operationId: string;
  decision: Decision;
  summary: string;
  description: string;
  components: { body: string; success: string };
  schema: v.GenericSchema;
  example: { reason: string; totals: Record<string, unknown> };
}): RouteContract => ({
  operationId: spec.operationId,
  summary: spec.summary,
  description:
    `${spec.description} Each referral is ${spec.decision.outcome} in its own transaction (its status change, its activity ` +
    `item and its usage record), so for every referral the change, its audit item and its charge exist together or not ` +
    'at all. The credits are reserved first, in one step, and what is not used is given back. A request in which no id ' +
    `could be ${spec.decision.outcome} is still a 200. Charged 1 credit per referral ${spec.decision.outcome}; the request ` +
    'counts once toward the per-minute limit.',
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: spec.components.body,
    schema: bulkDecisionBodySchema(spec.decision),
    required: true,
    example: { ids: ['attr-1', 'attr-2'], reason: spec.example.reason },
  },
  success: {
    status: 200,
    component: spec.components.success,
    schema: spec.schema,
    description: 'The outcome of every id',
    example: {
      results: [
        {
          id: 'attr-1',
          outcome: spec.decision.outcome,
          attribution: { id: 'attr-1', status: spec.decision.status, reviewed_by: 'admin-user', reviewed_at: '2026-11-27T10:00:00.000Z' },
        },
        { id: 'attr-2', outcome: 'conflict', error: { type: 'conflict', context: { status: 'rewarded' } } },
      ],
      ...spec.example.totals,
    },
    idempotent: true,
  },
  errors: WRITE_ERRORS,
});
