// A real DynamoDB document client with SDK middlewares that count round trips and inject faults at chosen call sites.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';

export type CallRecord = { command: string; wave: number };

export type Fault = {
  /** The command to fail, e.g. "TransactWriteItemsCommand". */
  command: string;
  /** Builds the error each attempt of that command throws. */
  error: () => Error;
  /** How many attempts fail before the call goes through (Infinity: all). */
  times: number;
  /** Fails only the calls whose input this accepts, e.g. one referral's transaction. */
  matches?: (input: Record<string, unknown>) => boolean;
};

/**
 * Counts logical calls (before the SDK's retries) and groups them into waves: a call that starts while
 * another is in flight joins its wave, so the number of waves is the number of sequential round trips.
 */
export const instrumentedClient = (options: { maxAttempts?: number } = {}) => {
  const client: DynamoDBDocumentClient = createDocumentClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    maxAttempts: options.maxAttempts ?? 3,
  });
  const calls: CallRecord[] = [];
  let inFlight = 0;
  let wave = 0;
  const faults: Fault[] = [];
  let attempts = 0;

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (inFlight === 0) wave += 1;
      inFlight += 1;
      calls.push({ command: String(context.commandName), wave });
      try {
        return await next(args);
      } finally {
        inFlight -= 1;
      }
    },
    { step: 'initialize', name: 'countRoundTrips', priority: 'high' },
  );

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const fault = faults.find(
        (candidate) => candidate.command === context.commandName && candidate.times > 0 && (candidate.matches?.(input) ?? true),
      );
      if (fault) {
        fault.times -= 1;
        attempts += 1;
        throw fault.error();
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'injectFaults', priority: 'low' },
  );

  return {
    client,
    calls,
    /** Sequential round trips since the last reset. */
    waves: () => new Set(calls.map((call) => call.wave)).size,
    inject: (fault: Fault) => faults.push(fault),
    injectedAttempts: () => attempts,
    reset: () => {
      calls.length = 0;
      wave = 0;
      faults.length = 0;
      attempts = 0;
    },
  };
};
