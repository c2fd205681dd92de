// The review queue: attributions of one status, oldest first, a page at a time, with an opaque cursor.
import * as v from 'valibot';
import { AttributionIdSchema, QUEUE_STATUSES, type QueueStatus } from './attribution.js';
import { type ClaimFilter, liveClaim } from './claims.js';
import { InvalidCursor } from './errors.js';
import { type HeldAttribution, withHeldAge } from './hold.js';
import type { QueuePosition, ReferralReader, ShardPage } from './ports.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export type ListQuery = { status: QueueStatus; referrerUserId?: string; claimed?: ClaimFilter; limit: number; cursor?: string };

export type ReferralPage = { attributions: HeldAttribution[]; next_cursor: string | null };

/** Where a page left each shard: after a position, not started yet, or read to its end. */
export type ShardCursor = QueuePosition | 'start' | 'end';

/** A position as a cursor holds it: its queue order, whose tail after the last `#` is the attribution id. */
const OrderSchema = v.pipe(v.string(), v.regex(/^[^#]{0,64}#[A-Za-z0-9_-]{1,128}$/));

/** What a cursor says: which query it continues, and where the previous page left each shard. */
const CursorSchema = v.strictObject({
  v: v.literal(2),
  status: v.picklist(QUEUE_STATUSES),
  referrer: v.nullable(v.string()),
  claimed: v.optional(v.picklist(['mine', 'others', 'none'])),
  shards: v.array(v.union([OrderSchema, v.null(), v.literal(false)])),
});

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const encodeCursor = (query: ListQuery, positions: ShardCursor[]): string =>
  Buffer.from(
    JSON.stringify({
      v: 2,
      status: query.status,
      referrer: query.referrerUserId ?? null,
      ...(query.claimed ? { claimed: query.claimed } : {}),
      shards: positions.map((position) => (position === 'start' ? null : position === 'end' ? false : position.order)),
    }),
  ).toString('base64url');

const invalidCursor = () => new InvalidCursor();

/**
 * Reads a cursor strictly. It is not signed: it only names places in the queue it was issued for, places any
 * caller can reach by paging, so a signature would protect nothing. What matters is that a tampered, truncated
 * or foreign cursor is refused as InvalidCursor, never read as another query's position and never left to fail
 * deeper down.
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
  const { status, referrer, claimed, shards: positions } = result.output;
  if (status !== query.status || referrer !== (query.referrerUserId ?? null) || claimed !== query.claimed || positions.length !== shards)
    throw invalidCursor();
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

/**
 * One page of the queue: every shard of the status read at once, one parallel round, and merged oldest first, each
 * held referral with its age in review at the time of the answer. A page may hold fewer than `limit` attributions: a referrer filter, and the stored status (an item whose status moved on
 * before the index followed), apply after the index read. Follow next_cursor until it is null.
 */
export const listReferrals = async (
  deps: { referrals: ReferralReader; now?: () => Date },
  /** With the caller whose claims `claimed` means (mine, others'). */
  query: ListQuery & { caller?: string },
): Promise<ReferralPage> => {
  const now = deps.now?.() ?? new Date();
  const shards = deps.referrals.queueShards;
  const positions: ShardCursor[] =
    query.cursor === undefined ? Array.from({ length: shards }, () => 'start') : decodeCursor(query.cursor, query, shards);
  const pages = await Promise.all(
    positions.map((position, shard) =>
      position === 'end'
        ? undefined
        : deps.referrals.listShard({
            status: query.status,
            shard,
            limit: query.limit,
            ...(query.referrerUserId ? { referrerUserId: query.referrerUserId } : {}),
            ...(query.claimed ? { claimed: { filter: query.claimed, caller: query.caller ?? '', nowMs: now.getTime() } } : {}),
            ...(position === 'start' ? {} : { after: position }),
          }),
    ),
  );
  // Every listed referral shows its claim (null when nobody holds it or its lease has ended) and, held, its age.
  const shown = pages.map(
    (page) =>
      page && {
        ...page,
        entries: page.entries.map((entry) => ({
          ...entry,
          attribution: withHeldAge({ ...entry.attribution, claim: liveClaim(entry.claim, now) }, now),
        })),
      },
  );
  const { attributions, next } = mergeShardPages(positions, shown, query.limit);
  return { attributions, next_cursor: next.every((position) => position === 'end') ? null : encodeCursor(query, next) };
};
