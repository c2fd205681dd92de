// POST …/referrals/{id}/reopen: a rejected referral back in review, within the window after its reject. Its request,
// price, function and contract.
import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { REOPEN_REASON_CODES, REOPEN_WINDOW_DAYS, type ReopenRequest } from '../../referrals/reopen.js';
import { MAX_BODY_BYTES } from '../body-limit.js';
import { AttributionPathIdSchema } from '../path-parameters.js';
import { IdempotencyKeySchema, ReasonSchema, reasonCodeSchema, SentOnceSchema } from '../request-fields.js';
import { ReviewResponseSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { ATTRIBUTION_EXAMPLE, isJsonObject, WRITE_ERRORS } from './common.js';

const BODY_SHAPE = 'body must be a JSON object with reason and an optional reason_code';

/** The body's shape, as documented (`referrals.adminReferralReopenRequestDoc`): a reason is required. */
export const ReopenBodySchema = v.strictObject(
  { reason: ReasonSchema, reason_code: v.optional(reasonCodeSchema(REOPEN_REASON_CODES)) },
  BODY_SHAPE,
);

const ReopenRequestSchema = v.object({
  pathParameters: v.object({ id: AttributionPathIdSchema }, 'path parameter id is required'),
  body: v.pipe(v.custom<Record<string, unknown>>(isJsonObject, BODY_SHAPE), ReopenBodySchema),
  headers: v.object({ 'idempotency-key': v.optional(IdempotencyKeySchema) }),
  multiValueHeaders: SentOnceSchema,
});

export const reopenReferralRoute = {
  name: 'reopenReferral' as const,
  method: 'POST',
  path: `${ADMIN_API}/referrals/{id}/reopen`,
  permission: 'referrals:reopen',
  credits: 1,
  chargedBy: 'use_case',
  successMetric: 'Reopens',
  bodyMaxBytes: MAX_BODY_BYTES,
  request: ReopenRequestSchema,
  toInput: (parsed): ReopenRequest => ({
    attributionId: parsed.pathParameters.id,
    reason: parsed.body.reason,
    ...(parsed.body.reason_code === undefined ? {} : { reasonCode: parsed.body.reason_code }),
    ...(parsed.headers['idempotency-key'] === undefined ? {} : { idempotencyKey: parsed.headers['idempotency-key'] }),
  }),
} satisfies Route<typeof ReopenRequestSchema, ReopenRequest>;

/** Its Lambda function: the referral's read and update, its activity item, the charge. */
export const reopenReferralFunction: RouteFunction = {
  id: 'ReopenReferralFunction',
  entry: 'functions/handlers/reopen-referral/handler.ts',
  grants: {
    referrals: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem'],
    usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const reopenReferralContract: RouteContract = {
  operationId: 'reopenReferral',
  summary: 'Reopen a referral rejected by mistake',
  description:
    `Moves a \`rejected\` referral back to \`review_required\`, within ${REOPEN_WINDOW_DAYS} days of its reject: into the review ` +
    'queue again at its place by creation time, with no claim, its reviewed_at and reviewed_by cleared (the audit trail keeps ' +
    'them). It records an activity item `reopen` naming the decision it undoes, and the event `referral.reopened`. Past the ' +
    'window: 409 `reopen_window_closed`. An approved (`qualified`) referral is never reopened (409 `conflict`): the referral ' +
    "pipeline may already have granted its rewards, and reversing an approval is the pipeline's clawback.",
  pathParameters: { id: AttributionIdSchema },
  headers: { 'Idempotency-Key': IdempotencyKeySchema },
  body: {
    component: 'referrals.adminReferralReopenRequestDoc',
    schema: ReopenBodySchema,
    required: true,
    example: { reason: 'the customer proved separate billing', reason_code: 'rejected_in_error' },
  },
  success: {
    status: 200,
    component: 'referrals.adminReferralReopenResponseDoc',
    schema: ReviewResponseSchema,
    description: 'The referral, held for review again',
    example: { attribution: ATTRIBUTION_EXAMPLE, rewards: [] },
    idempotent: true,
  },
  errors: [...WRITE_ERRORS, 'not_found', 'conflict', 'reopen_window_closed'],
};
