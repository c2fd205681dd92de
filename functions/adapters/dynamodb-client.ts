// One DynamoDB document client per container, with connection reuse; DYNAMODB_ENDPOINT points it at DynamoDB Local.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient => {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient({
    ...(endpoint ? { endpoint } : {}),
    // Reused connections, and bounded waits so a stalled call is retried well inside the function's timeout.
    requestHandler: {
      httpAgent: { keepAlive: true },
      httpsAgent: { keepAlive: true },
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
    },
    ...config,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
};
