// Stored items carry their table keys; the domain sees records without them.
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

/**
 * The items of these keys, read consistently, 100 keys a request. Unprocessed keys (throttling) are asked for again,
 * a few times; usually there are none. Keys without an item are left out.
 */
export const batchGetConsistent = async (
  client: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  for (let offset = 0; offset < keys.length; offset += BATCH_GET_LIMIT) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(offset, offset + BATCH_GET_LIMIT);
    for (let attempt = 0; pending?.length; attempt++) {
      const requested: Record<string, unknown>[] = pending;
      const page = await callDynamo(() =>
        client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: requested, ConsistentRead: true } } })),
      );
      found.push(...(page.Responses?.[table] ?? []));
      pending = page.UnprocessedKeys?.[table]?.Keys;
      if (pending?.length && attempt >= 4) throw new DependencyUnavailable(new Error('BatchGetItem left keys unprocessed'));
    }
  }
  return found;
};
