// The review queue's public contract: the list and the single read, from the schemas their functions validate with.

import * as v from 'valibot';
import { AttributionIdSchema } from '../../referrals/attribution.js';
import { DEFAULT_PAGE_SIZE, ListParametersSchema, MAX_PAGE_SIZE } from '../../referrals/list-queue.js';
import { ReferralRecordSchema } from '../../referrals/read-one.js';
import { ReferralPageSchema } from '../../referrals/review-response.js';
import type { RouteContract } from '../../shared/contract.js';
import { routes } from '../../shared/routes.js';

/**
 * limit as a client sends it: a whole number. The query string carries it as text, which the function reads
 * strictly: digits only, no leading zero, sign, decimal point or exponent.
 */
const LimitDocSchema = v.optional(
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
);

const READ_ERRORS: RouteContract['errors'] = [
  'invalid_request',
  'unauthorized',
  'concurrent_update',
  'rate_limited',
  'daily_cap_reached',
  'credits_exhausted',
  'internal',
  'dependency_unavailable',
];

const example = {
  id: 'attr-1',
  status: 'review_required',
  code: 'A1B2C3D4E5F6',
  created_at: '2026-11-01T09:30:00.000Z',
  referrer_user_id: 'user-referrer',
  referred_user_id: 'user-referred',
  review_reason: 'same_stripe_customer',
  risk_flags: ['same_stripe_customer'],
} as const;

export const listReferralsContract: RouteContract = {
  route: routes.listReferrals,
  operationId: 'listReferrals',
  summary: 'List the referrals of one status, oldest first',
  description:
    'The review queue: attributions of one status (review_required by default), oldest first by created_at, ties by id, ' +
    'a page at a time. Pages never repeat or skip an item, even while items leave the queue. With referrer_user_id a ' +
    'page may hold fewer than limit items: follow next_cursor until it is null.',
  queryParameters: { ...ListParametersSchema.entries, limit: LimitDocSchema },
  success: {
    status: 200,
    component: 'referrals.adminReferralListResponseDoc',
    schema: ReferralPageSchema,
    description: 'One page of the queue',
    example: { attributions: [example], next_cursor: null },
    idempotent: false,
  },
  errors: READ_ERRORS,
};

export const getReferralContract: RouteContract = {
  route: routes.getReferral,
  operationId: 'getReferral',
  summary: 'Read one referral with its rewards and its audit trail',
  description: 'The attribution, its rewards, and its activity items newest first.',
  pathParameters: { id: AttributionIdSchema },
  success: {
    status: 200,
    component: 'referrals.adminReferralDetailResponseDoc',
    schema: ReferralRecordSchema,
    description: 'The referral',
    example: { attribution: example, rewards: [], activity: [] },
    idempotent: false,
  },
  errors: [...READ_ERRORS, 'not_found'],
};
