// Stored items carry their table keys; the domain sees records without them.
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetCommand, type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailable } from '../shared/dependency-errors.js';
import { callDynamo } from './dynamodb-errors.js';

export const withoutKeys = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, ...fields } = item;
  return fields;
};

/** Every item a query returns, page after page, through lib-dynamodb's paginator. */
export const queryAll = async function* (client: DynamoDBDocumentClient, input: QueryCommandInput) {
  for await (const page of paginateQuery({ client }, input)) yield* page.Items ?? [];
};

/** The same, gathered into one array. */
export const queryItems = async (client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for await (const item of queryAll(client, input)) items.push(item);
  return items;
};

/** Every page a query returns, through lib-dynamodb's paginator, so that a caller can act on each as it comes. */
export const queryPages = async function* (client: DynamoDBDocumentClient, input: QueryCommandInput, pageSize?: number) {
  for await (const page of paginateQuery({ client, ...(pageSize ? { pageSize } : {}) }, input)) yield page.Items ?? [];
};

/** BatchGetItem reads at most 100 keys a request. */
export const BATCH_GET_LIMIT = 100;

/** Sends of one batch read, the first included: the SDK's own retries do not apply, UnprocessedKeys being an answer. */
export const BATCH_GET_SENDS = 6;

/**
 * The pause before resend `resend` (from 1): exponential from 50 ms, capped at 1 s, with equal jitter, half of it
 * fixed and half random, so that resends never come at once and those of many requests spread out. Resends 1 to 5
 * wait 25–50, 50–100, 100–200, 200–400 and 400–800 ms: at most about 1.6 s in all.
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export const batchGetPause = (resend: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(1_000, 50 * 2 ** (resend - 1));
  return ceiling / 2 + random() * (ceiling / 2);
};

/**
 * DynamoDB left keys of a batch read unprocessed after every resend the caller's time allowed. It carries what was
 * read and what was not, so that a caller that answers each key on its own can, and fails loudly for any other: it is
 * a DependencyUnavailable (its name included, so the edge answers it as one).
 */
export class BatchReadIncomplete extends DependencyUnavailable {
  constructor(
    readonly items: Record<string, unknown>[],
    readonly unprocessed: Record<string, unknown>[],
  ) {
    super(new Error(`BatchGetItem left ${unprocessed.length} keys unprocessed`));
  }
}

/**
 * The items of these keys, read consistently, 100 keys a request. Keys without an item are left out. Unprocessed keys
 * (throttling, or more than DynamoDB answers at once) are resent with exponential backoff, as the BatchGetItem
 * reference asks ("If you retry the batch operation immediately, the underlying read or write requests can still fail
 * due to throttling on the individual tables"): https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
 * No resend starts after the deadline (epoch ms), nor a pause ends past it. Keys still unprocessed then are never
 * dropped: the read throws BatchReadIncomplete.
 */
export const batchGetConsistent = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  { deadline }: { deadline: number },
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  const unread: Record<string, unknown>[] = [];
  for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] = keys.slice(offset, offset + BATCH_GET_LIMIT);
    for (let send = 1; pending.length > 0; send++) {
      if (send > 1) {
        const pause = batchGetPause(send - 1);
        if (send > BATCH_GET_SENDS || Date.now() + pause >= deadline) break;
        await sleep(pause);
        // A busy machine wakes a timer late: the deadline is checked again before the send.
        if (Date.now() >= deadline) break;
      }
      const requested = pending;
      const page = await callDynamo(() =>
        client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: requested, ConsistentRead: true } } })),
      );
      found.push(...(page.Responses?.[table] ?? []));
      pending = page.UnprocessedKeys?.[table]?.Keys ?? [];
    }
    unread.push(...pending);
  }
  if (unread.length > 0) throw new BatchReadIncomplete(found, unread);
  return found;
};

/** A batch read's items and the keys it left unread, for a caller that answers each key on its own. */
export const settledBatchRead = async (read: Promise<Record<string, unknown>[]>) => {
  try {
    return { items: await read, unread: [] as Record<string, unknown>[] };
  } catch (error) {
    if (!(error instanceof BatchReadIncomplete)) throw error;
    return { items: error.items, unread: error.unprocessed };
  }
};
