// The review queue: attributions of one status, oldest first, a page at a time, with an opaque cursor.
import * as v from 'valibot';
import { ApiError } from '../shared/api-error.js';
import { type Attribution, AttributionIdSchema, QUEUE_STATUSES, type QueueStatus } from './attribution.js';
import type { QueuePosition, ReferralReader, ShardPage } from './ports.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** The list's query parameters, each optional. */
export const ListParametersSchema = v.strictObject(
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

export type ListQuery = { status: QueueStatus; referrerUserId?: string; limit: number; cursor?: string };

export type ReferralPage = { attributions: Attribution[]; next_cursor: string | null };

/** Where a page left each shard: after a position, not started yet, or read to its end. */
export type ShardCursor = QueuePosition | 'start' | 'end';

/** A position as a cursor holds it: its queue order, whose tail after the last `#` is the attribution id. */
const OrderSchema = v.pipe(v.string(), v.regex(/^[^#]{0,64}#[A-Za-z0-9_-]{1,128}$/));

/** What a cursor says: which query it continues, and where the previous page left each shard. */
const CursorSchema = v.strictObject({
  v: v.literal(2),
  status: v.picklist(QUEUE_STATUSES),
  referrer: v.nullable(v.string()),
  shards: v.array(v.union([OrderSchema, v.null(), v.literal(false)])),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const encodeCursor = (query: ListQuery, positions: ShardCursor[]): string =>
  Buffer.from(
    JSON.stringify({
      v: 2,
      status: query.status,
      referrer: query.referrerUserId ?? null,
      shards: positions.map((position) => (position === 'start' ? null : position === 'end' ? false : position.order)),
    }),
  ).toString('base64url');

const invalidCursor = () =>
  new ApiError('invalid_request', {
    message: 'cursor is not valid for this query',
    context: { issues: [{ field: 'queryStringParameters.cursor', message: 'cursor is not valid for this query' }] },
  });

/**
 * Reads a cursor strictly. It is not signed: it only names places in the queue it was issued for, places any
 * caller can reach by paging, so a signature would protect nothing. What matters is that a tampered, truncated
 * or foreign cursor is a 400, never a 500 and never another query's position.
 */
export const decodeCursor = (cursor: string, query: ListQuery, shards: number): ShardCursor[] => {
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
  const { status, referrer, shards: positions } = result.output;
  if (status !== query.status || referrer !== (query.referrerUserId ?? null) || positions.length !== shards) throw invalidCursor();
  if (positions.every((position) => position === false)) throw invalidCursor();
  return positions.map((position) => {
    if (position === null) return 'start';
    if (position === false) return 'end';
    const id = position.slice(position.lastIndexOf('#') + 1);
    if (!v.is(AttributionIdSchema, id)) throw invalidCursor();
    return { order: position, id };
  });
};

type Entry = ShardPage['entries'][number] & { shard: number };

const byOrder = (a: Entry, b: Entry) => (a.position.order < b.position.order ? -1 : a.position.order > b.position.order ? 1 : 0);

/**
 * Merges one read of each shard into a page, oldest first. A shard that has more to read may hold items before
 * anything past its last read position, so no item beyond the earliest such position is taken (it is read again
 * next time). Each shard resumes from the later of its own position (its last item taken, or where its read stopped
 * when all were taken) and the last position the page returned: an item that entered a shard behind that position
 * after the walk passed it would come out of order, and one that was there all along has been returned already.
 */
export const mergeShardPages = (positions: ShardCursor[], pages: (ShardPage | undefined)[], limit: number) => {
  const frontiers = pages.flatMap((page) => (page?.last ? [page.last.order] : []));
  // The earliest (sort compares as the index orders these ASCII keys); undefined when every shard was read to its end.
  const cutoff = frontiers.sort()[0];
  const taken = pages
    .flatMap((page, shard): Entry[] => (page?.entries ?? []).map((entry) => ({ ...entry, shard })))
    .filter((entry) => cutoff === undefined || entry.position.order <= cutoff)
    .sort(byOrder)
    .slice(0, limit);
  const returned = taken.at(-1)?.position;
  const later = (position: ShardCursor): ShardCursor =>
    returned === undefined || position === 'end' || (position !== 'start' && position.order >= returned.order) ? position : returned;
  const next = positions.map((position, shard): ShardCursor => {
    const page = pages[shard];
    if (!page) return position;
    const fromShard = taken.filter((entry) => entry.shard === shard);
    if (fromShard.length < page.entries.length) return later(fromShard.at(-1)?.position ?? position);
    return later(page.last ?? 'end');
  });
  return { attributions: taken.map((entry) => entry.attribution), next };
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
 * One page of the queue: every shard of the status read at once, one parallel round, and merged oldest first. With
 * a referrer filter a page may hold fewer than `limit` attributions (the filter applies after the index read);
 * follow next_cursor until it is null.
 */
export const listReferrals = async (
  deps: { referrals: ReferralReader },
  query: ListQuery,
  admission: Promise<unknown>,
): Promise<ReferralPage> => {
  const shards = deps.referrals.queueShards;
  const positions: ShardCursor[] =
    query.cursor === undefined ? Array.from({ length: shards }, () => 'start') : decodeCursor(query.cursor, query, shards);
  const [, pages] = await Promise.all([
    admission,
    Promise.all(
      positions.map((position, shard) =>
        position === 'end'
          ? undefined
          : deps.referrals.listShard({
              status: query.status,
              shard,
              limit: query.limit,
              ...(query.referrerUserId ? { referrerUserId: query.referrerUserId } : {}),
              ...(position === 'start' ? {} : { after: position }),
            }),
      ),
    ),
  ]);
  const { attributions, next } = mergeShardPages(positions, pages, query.limit);
  return { attributions, next_cursor: next.every((position) => position === 'end') ? null : encodeCursor(query, next) };
};
