// The floor the benchmark compares against: a handler that only builds the document client and sends one TransactWrite.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> }) =>
  client.send(new TransactWriteCommand({ TransactItems: event.items }));
