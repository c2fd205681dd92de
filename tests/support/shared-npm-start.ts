// The local project's second global setup: one `npm start` on the shared DynamoDB Local, in tables of its own, for
// the tests that use only data of their own (they create their keys and referrals, or only read), whichever file
// they are in; it is stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { type Reachable, startOn, stop } from './npm-start.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedNpmStart: Reachable;
  }
}

export default async function setup(project: TestProject) {
  // global-setup.ts, listed first, has started DynamoDB Local.
  const { baseUrl, dynamoEndpoint, tables, child } = await startOn(project.getProvidedContext().dynamoEndpoint);
  project.provide('sharedNpmStart', { baseUrl, dynamoEndpoint, tables });
  return async () => {
    await stop(child);
  };
}
