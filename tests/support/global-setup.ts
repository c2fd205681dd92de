// One DynamoDB Local for the whole test run, with the stack's tables; stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { ensureTables, startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  await ensureTables(dynamo.endpoint);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}
