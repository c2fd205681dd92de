// The review queue: attributions of one status, oldest first, a page at a time, with an opaque cursor.
import * as v from 'valibot';
import { ApiError } from '../shared/api-error.js';
import { type Attribution, AttributionIdSchema, type AttributionStatus, AttributionStatusSchema } from './attribution.js';
import type { QueuePosition, ReferralReader } from './ports.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** The list's query parameters, each optional. */
export const ListParametersSchema = v.strictObject(
  {
    status: v.optional(v.picklist(AttributionStatusSchema.options, `status must be one of ${AttributionStatusSchema.options.join(', ')}`)),
    referrer_user_id: v.optional(
      v.pipe(
        v.string(),
        v.minLength(1, 'referrer_user_id must not be empty'),
        v.maxLength(256, 'referrer_user_id must be at most 256 characters'),
        v.metadata({ description: 'Only this referrer: a fraud ring usually shares one', examples: ['user-referrer'] }),
      ),
    ),
    limit: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^[0-9]{1,3}$/, LIMIT_MESSAGE),
        v.transform(Number),
        v.minValue(1, LIMIT_MESSAGE),
        v.maxValue(MAX_PAGE_SIZE, LIMIT_MESSAGE),
        v.metadata({ description: `1-${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} by default` }),
      ),
    ),
    cursor: v.optional(
      v.pipe(
        v.string(),
        v.maxLength(2048, 'cursor is not valid for this query'),
        v.metadata({ description: 'next_cursor of the previous page' }),
      ),
    ),
  },
  'unknown query parameter: only status, referrer_user_id, limit and cursor are accepted',
);

/** The list request: the parameters above, none unknown, none repeated. */
export const ListRequestSchema = v.object({
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

export type ListQuery = { status: AttributionStatus; referrerUserId?: string; limit: number; cursor?: string };

export type ReferralPage = { attributions: Attribution[]; next_cursor: string | null };

/** What a cursor says: which query it continues, and the last item the previous page returned. */
const CursorSchema = v.strictObject({
  v: v.literal(1),
  status: AttributionStatusSchema,
  referrer: v.nullable(v.string()),
  order: v.pipe(v.string(), v.maxLength(512)),
  id: AttributionIdSchema,
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const encodeCursor = (query: ListQuery, after: QueuePosition): string =>
  Buffer.from(
    JSON.stringify({ v: 1, status: query.status, referrer: query.referrerUserId ?? null, order: after.order, id: after.id }),
  ).toString('base64url');

const invalidCursor = () =>
  new ApiError('invalid_request', {
    message: 'cursor is not valid for this query',
    context: { issues: [{ field: 'queryStringParameters.cursor', message: 'cursor is not valid for this query' }] },
  });

/**
 * Reads a cursor strictly. It is not signed: it only names a place in the queue it was issued for, a place any
 * caller can reach by paging, so a signature would protect nothing. What matters is that a tampered, truncated
 * or foreign cursor is a 400, never a 500 and never another query's position.
 */
export const decodeCursor = (cursor: string, query: ListQuery): QueuePosition => {
  if (!BASE64URL.test(cursor)) throw invalidCursor();
  const text = Buffer.from(cursor, 'base64url');
  if (text.toString('base64url') !== cursor) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const result = v.safeParse(CursorSchema, parsed);
  if (!result.success) throw invalidCursor();
  const { status, referrer, order, id } = result.output;
  if (status !== query.status || referrer !== (query.referrerUserId ?? null) || !order.endsWith(`#${id}`)) throw invalidCursor();
  return { order, id };
};

export const toListQuery = (parsed: v.InferOutput<typeof ListRequestSchema>): ListQuery => {
  const query = parsed.queryStringParameters ?? {};
  return {
    status: query.status ?? 'review_required',
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    ...(query.referrer_user_id === undefined ? {} : { referrerUserId: query.referrer_user_id }),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  };
};

/**
 * One page of the queue, from one query of the status index. With a referrer filter a page may hold fewer than
 * `limit` attributions (the filter applies after the index read); follow next_cursor until it is null.
 */
export const listReferrals = async (
  deps: { referrals: ReferralReader },
  query: ListQuery,
  admission: Promise<unknown>,
): Promise<ReferralPage> => {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query);
  const [, page] = await Promise.all([
    admission,
    deps.referrals.listByStatus({
      status: query.status,
      limit: query.limit,
      ...(query.referrerUserId ? { referrerUserId: query.referrerUserId } : {}),
      ...(after ? { after } : {}),
    }),
  ]);
  return { attributions: page.attributions, next_cursor: page.last ? encodeCursor(query, page.last) : null };
};
