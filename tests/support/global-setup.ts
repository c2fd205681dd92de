// One DynamoDB Local for the whole test run, with the stack's tables; stopped when the run ends.
import type { TestProject } from 'vitest/node';
import type { JWK } from 'jose';
import { startConsoleIssuer } from '../../local/console-jwks.js';
import { ensureTables, startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    consoleJwksUrl: string;
    consolePrivateJwk: JWK;
  }
}

export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  await ensureTables(dynamo.endpoint);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  const issuer = await startConsoleIssuer();
  project.provide('consoleJwksUrl', issuer.jwksUrl);
  project.provide('consolePrivateJwk', issuer.privateJwk);
  return async () => {
    await Promise.all([dynamo.stop(), issuer.stop()]);
  };
}
