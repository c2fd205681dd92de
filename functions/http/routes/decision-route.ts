// What the two single-decision routes, `…/referrals/{id}/reject` and `…/referrals/{id}/approve`, share: the request
// they accept, the input they hand the decision use case, their price, their function's grants and their contract's
// shape. Each route module names its decision; nothing else differs.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import type { DecisionRequest } from '../../referrals/decide-one.js';
import type { Decision } from '../../referrals/decision.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { IdempotencyKeySchema, ReasonSchema, reasonCodeSchema, SentOnceSchema } from '../request-fields.js';
import { decidedResponseSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { DECISION_ERRORS } from './common.js';

const BODY_SHAPE = 'body must be a JSON object whose only fields are reason and reason_code';

/** The body's shape, as documented (`referrals.adminReferralRejectRequestDoc`, `…ApproveRequestDoc`): the decision's own codes. */
export const decisionBodySchema = (decision: Decision) =>
  v.strictObject({ reason: v.optional(ReasonSchema), reason_code: v.optional(reasonCodeSchema(decision.reasonCodes)) }, BODY_SHAPE);

const decisionRequestSchema = (decision: Decision) =>
  v.object({
    pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
    body: v.optional(
      v.pipe(
        // valibot's object schemas accept arrays (typeof [] is "object"); a JSON array is not a valid body.
        v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), BODY_SHAPE),
        decisionBodySchema(decision),
      ),
    ),
    headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
    multiValueHeaders: SentOnceSchema,
  });

/** `POST …/referrals/{id}/<action>`: 1 credit per success, charged in the decision's own transaction. */
export const decisionRoute = <Name extends string>(spec: { name: Name; decision: Decision; successMetric: string }) => {
  const request = decisionRequestSchema(spec.decision);
  return {
    name: spec.name,
    method: 'POST',
    path: `${ADMIN_API}/referrals/{id}/${spec.decision.action}`,
    /** The decision this route makes: its handler reads it from here, so the two cannot disagree. */
    decision: spec.decision,
    permission: 'referrals:decide',
    credits: 1,
    chargedBy: 'use_case',
    successMetric: spec.successMetric,
    bodyMaxBytes: MAX_BODY_BYTES,
    request,
    toInput: (parsed): DecisionRequest => ({
      attributionId: parsed.pathParameters.id,
      ...(parsed.body?.reason === undefined ? {} : { reason: parsed.body.reason }),
      ...(parsed.body?.reason_code === undefined ? {} : { reasonCode: parsed.body.reason_code }),
      ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
    }),
  } satisfies Route<typeof request, DecisionRequest> & { decision: Decision };
};

/** Its Lambda function: the handler's entry and the table actions a decision uses. */
export const decisionFunction = (id: string, entry: string): RouteFunction => ({
  id,
  entry,
  grants: {
    referrals: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
});

/** What the OpenAPI document says of a decision route: the texts are the route's, the shape is the decision's. */
export const decisionContract = (spec: {
  operationId: string;
  decision: Decision;
  summary: string;
  description: string;
  components: { body: string; success: string };
  successDescription: string;
  example: { reason: string };
}): RouteContract => ({
  operationId: spec.operationId,
  summary: spec.summary,
  description: spec.description,
  pathParameters: { id: AttributionIdSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: { component: spec.components.body, schema: decisionBodySchema(spec.decision), required: false, example: spec.example },
  success: {
    status: 200,
    component: spec.components.success,
    schema: decidedResponseSchema(spec.decision),
    description: spec.successDescription,
    example: {
      attribution: {
        id: 'attr-1',
        status: spec.decision.status,
        code: 'A1B2C3D4E5F6',
        referred_user_id: 'user-referred',
        referrer_user_id: 'user-referrer',
        review_reason: 'same_stripe_customer',
        reviewed_at: '2026-11-27T10:00:00.000Z',
        reviewed_by: 'admin-user',
        risk_flags: ['same_stripe_customer'],
      },
      rewards: [],
    },
    idempotent: true,
  },
  errors: DECISION_ERRORS,
});
