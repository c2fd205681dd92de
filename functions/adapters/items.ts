// Stored items carry their table keys; the domain sees records without them.
import { type DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

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
