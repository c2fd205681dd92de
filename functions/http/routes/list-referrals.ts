// GET …/referrals: the review queue, a page at a time. Its path, price, request, function and contract.
import * as v from 'valibot';
import { QUEUE_INDEX } from '../../adapters/referrals-table.js';
import { chargeAfterSuccess } from '../../billing/charge.js';
import { QUEUE_STATUSES } from '../../referrals/attribution.js';
import { DEFAULT_PAGE_SIZE, type ListQuery, MAX_PAGE_SIZE } from '../../referrals/list-queue.js';
import { ReferralPageSchema } from '../review-response.js';
import type { Route, RouteContract, RouteFunction } from '../route.js';
import { ADMIN_API } from './api-base.js';
import { ATTRIBUTION_EXAMPLE, READ_ERRORS } from './common.js';

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** The list's query parameters, each optional. */
const ListParametersSchema = v.strictObject(
  {
    status: v.optional(
      v.pipe(
        v.picklist(QUEUE_STATUSES, `status must be one of ${QUEUE_STATUSES.join(', ')}`),
        v.metadata({ description: 'The queue (review_required, by default) or what was rejected from it' }),
      ),
    ),
    referrer_user_id: v.optional(
      v.pipe(
        v.string(),
        v.minLength(1, 'referrer_user_id must not be empty'),
        v.maxLength(256, 'referrer_user_id must be at most 256 characters'),
        v.metadata({ description: 'Only this referrer: a fraud ring usually shares one', examples: ['user-referrer'] }),
      ),
    ),
    claimed: v.optional(
      v.pipe(
        v.picklist(['mine', 'others', 'none'], 'claimed must be one of mine, others, none'),
        v.metadata({
          description:
            'Only referrals the caller holds (mine), another reviewer holds (others), or nobody holds, an expired claim included (none)',
        }),
      ),
    ),
    limit: v.optional(
      v.pipe(
        v.string(),
        // Plain digits, no leading zero: 01, +5, 1.5 and 1e2 are refused, not read as numbers.
        v.regex(/^[1-9][0-9]{0,2}$/, LIMIT_MESSAGE),
        v.transform(Number),
        v.minValue(1, LIMIT_MESSAGE),
        v.maxValue(MAX_PAGE_SIZE, LIMIT_MESSAGE),
        v.metadata({ description: `1-${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} by default` }),
      ),
    ),
    cursor: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(4096, 'cursor is not valid for this query'),
        v.metadata({ description: 'next_cursor of the previous page' }),
      ),
    ),
  },
  'unknown query parameter: only status, referrer_user_id, claimed, limit and cursor are accepted',
);

/** The list request: the parameters above, none unknown, none repeated. */
const ListRequestSchema = v.object({
  queryStringParameters: v.nullish(ListParametersSchema),
  multiValueQueryStringParameters: v.nullish(
    v.record(
      v.string(),
      v.pipe(
        v.array(v.string()),
        v.check((values) => values.length <= 1, 'a query parameter must be given at most once'),
      ),
    ),
  ),
});

/** The query as documented: limit as the whole number a client sends. */
// limit as a client sends it: a whole number. The query string carries it as text, which the function reads strictly:
// digits only, no leading zero, sign, decimal point or exponent.
const ListQueryDoc = /* @__PURE__ */ (() => ({
  ...ListParametersSchema.entries,
  limit: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(MAX_PAGE_SIZE),
      v.metadata({
        description: `1-${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} by default, written as plain digits: 01, +5, 1.5 and 1e2 are refused with 400`,
        examples: [25],
      }),
    ),
  ),
}))();

export const listReferralsRoute = {
  name: 'listReferrals' as const,
  method: 'GET',
  path: `${ADMIN_API}/referrals`,
  permission: 'referrals:read',
  credits: 1,
  // Changes nothing: a success is charged after it.
  chargedBy: chargeAfterSuccess,
  successMetric: 'ReferralReads',
  request: ListRequestSchema,
  toInput: (parsed): ListQuery => {
    const query = parsed.queryStringParameters ?? {};
    return {
      status: query.status ?? 'review_required',
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      ...(query.referrer_user_id === undefined ? {} : { referrerUserId: query.referrer_user_id }),
      ...(query.claimed === undefined ? {} : { claimed: query.claimed }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    };
  },
} satisfies Route<typeof ListRequestSchema, ListQuery>;

/** Its Lambda function: the handler's entry and the table actions it may use. */
export const listReferralsFunction: RouteFunction = {
  id: 'ListReferralsFunction',
  entry: 'functions/handlers/review-queue/list-handler.ts',
  grants: { usage: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  indexGrants: { referrals: { [QUEUE_INDEX]: ['dynamodb:Query'] } },
};

/** What the OpenAPI document says of the route; no function bundles it. */
export const listReferralsContract: RouteContract = {
  operationId: 'listReferrals',
  summary: 'List the referrals of one status, oldest first',
  description:
    'The review queue: attributions of one status (review_required by default), oldest first by created_at, ties by id, ' +
    'a page at a time. A walk is oldest first across pages and never repeats an item, even while items enter and leave the ' +
    'queue. A page may hold fewer than limit items (with referrer_user_id or claimed, or for a few seconds after a referral left ' +
    'the status): follow next_cursor until it is null. Every attribution shows its claim (null when nobody holds it); a held ' +
    'referral carries held_at and age_seconds.',
  queryParameters: ListQueryDoc,
  success: {
    status: 200,
    component: 'referrals.adminReferralListResponseDoc',
    schema: ReferralPageSchema,
    description: 'One page of the queue',
    example: { attributions: [{ ...ATTRIBUTION_EXAMPLE, age_seconds: 3600 }], next_cursor: null },
    idempotent: false,
  },
  errors: READ_ERRORS,
};
