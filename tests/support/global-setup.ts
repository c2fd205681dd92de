// One DynamoDB Local (and one console JWKS) for the whole run, shared by every project that uses it; stopped when the last one ends.
import type { JWK } from 'jose';
import type { TestProject } from 'vitest/node';
import { startConsoleIssuer } from '../../local/console-jwks.js';
import { ensureTables, startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    consoleJwksUrl: string;
    consolePrivateJwk: JWK;
  }
}

const startShared = async () => {
  const [dynamo, issuer] = await Promise.all([startDynamoDbLocal(), startConsoleIssuer()]);
  await ensureTables(dynamo.endpoint);
  return { dynamo, issuer };
};

// vitest loads this module once per project, in the one main process; the shared state lives on globalThis.
type Shared = { started: ReturnType<typeof startShared>; users: number };
const registry = globalThis as { __referralsTestServices?: Shared };

export default async function setup(project: TestProject) {
  registry.__referralsTestServices ??= { started: startShared(), users: 0 };
  const shared = registry.__referralsTestServices;
  shared.users += 1;
  const { dynamo, issuer } = await shared.started;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('consoleJwksUrl', issuer.jwksUrl);
  project.provide('consolePrivateJwk', issuer.privateJwk);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    registry.__referralsTestServices = undefined;
    await Promise.all([dynamo.stop(), issuer.stop()]);
  };
}
