// A real DynamoDB document client with SDK middlewares that count round trips and inject faults at chosen call sites.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { type SilentServer, startSilentServer } from './silent-server.js';

export type CallRecord = { command: string; wave: number };

export type Fault = {
  /** The command to fail, e.g. "TransactWriteItemsCommand". */
  command: string;
  /**
   * `before` (the default): the attempt fails before DynamoDB sees it. `after`: DynamoDB applies the attempt, then
   * its answer is lost as a reset connection. `stall`: the attempt goes to a server that accepts it and never answers.
   */
  when?: 'before' | 'after' | 'stall';
  /** Builds the error each attempt of that command throws (`before` only). */
  error?: () => Error;
  /** How many attempts fail before the call goes through (Infinity: all). */
  times: number;
  /** Fails only the calls whose input this accepts, e.g. one referral's transaction. */
  matches?: (input: Record<string, unknown>) => boolean;
};

/**
 * Counts logical calls (before the SDK's retries) and groups them into waves: a call that starts while
 * another is in flight joins its wave, so the number of waves is the number of sequential round trips.
 */
/** What Node's HTTP client throws when the connection is reset before the answer is read. */
export const lostAnswer = (): Error => Object.assign(new Error('socket hang up (injected: the answer was lost)'), { code: 'ECONNRESET' });

let silentServer: Promise<SilentServer> | undefined;
const silent = () => {
  silentServer ??= startSilentServer();
  return silentServer;
};

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

  // Below the SDK's retry layer: each attempt of a call meets the fault, and a retry resends the same request (token included).
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const fault = faults.find(
        (candidate) => candidate.command === context.commandName && candidate.times > 0 && (candidate.matches?.(input) ?? true),
      );
      if (!fault) return next(args);
      fault.times -= 1;
      attempts += 1;
      const when = fault.when ?? 'before';
      if (when === 'before') throw (fault.error ?? lostAnswer)();
      if (when === 'after') {
        await next(args);
        throw lostAnswer();
      }
      const server = await silent();
      const request = (args as { request: { hostname: string; port?: number } }).request;
      request.hostname = server.hostname;
      request.port = server.port;
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

type Input = Record<string, unknown>;
const transaction = (input: Input) => JSON.stringify(input.TransactItems ?? []);

/**
 * Which write a marshalled input is, for a fault's `matches`: a reservation puts its record (`reservation#…`) with the
 * counters' increments, a release deletes it, and a referral's transaction puts its activity.
 */
export const writes = {
  release: (input: Input) => transaction(input).includes('"Delete"') && transaction(input).includes('"reservation#'),
  reservation: (input: Input) => transaction(input).includes('"Put"') && transaction(input).includes('"reservation#'),
  /** One referral's transaction (a bulk item, or a single reject). */
  itemOf: (id: string) => (input: Input) => transaction(input).includes(`"${id}"`) && transaction(input).includes('"Put"'),
  /** A bulk request's idempotency claim (`in_progress`) or completion (`completed`). */
  idempotency: (state: 'in_progress' | 'completed') => (input: Input) =>
    JSON.stringify(input.Item ?? {}).includes(`"state":{"S":"${state}"}`),
};
