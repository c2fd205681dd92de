// One DynamoDB document client per container, with connection reuse; an endpoint points it at DynamoDB Local.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type { DynamoDBDocumentClient };

export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
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

/** The client a function's composition root builds: DynamoDB Local when the validated config names an endpoint. */
export const clientFor = (config: { DYNAMODB_ENDPOINT?: string | undefined }, extra: DynamoDBClientConfig = {}): DynamoDBDocumentClient =>
  createDocumentClient({ ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}), ...extra });
