// One DynamoDB document client per container, with connection reuse; an endpoint points it at DynamoDB Local.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type { DynamoDBDocumentClient };

/** How long one request may wait for DynamoDB's answer before it is abandoned (and retried by the SDK). */
export const REQUEST_TIMEOUT_MS = 3_000;

export const createDocumentClient = (config: DynamoDBClientConfig = {}): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    // Reused connections, and bounded waits so a stalled call is abandoned and retried well inside the function's
    // timeout. Without throwOnRequestTimeout, a request past requestTimeout only logs a warning and goes on waiting.
    requestHandler: {
      httpAgent: { keepAlive: true },
      httpsAgent: { keepAlive: true },
      connectionTimeout: 1_000,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
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
