// The context Lambda hands a handler, for every function the emulation runs: behind the gateway, from streams, by npm run invoke.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS } from '../lib/runtime-settings.js';
import { ACCOUNT, REGION } from './deployment.js';

export const lambdaContext = (functionName: string, awsRequestId: string = randomUUID(), startedAt = Date.now()): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
  memoryLimitInMB: String(FUNCTION_MEMORY_MB),
  awsRequestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  // Counts down from the invocation's start: https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
  getRemainingTimeInMillis: () => Math.max(0, startedAt + FUNCTION_TIMEOUT_SECONDS * 1000 - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
