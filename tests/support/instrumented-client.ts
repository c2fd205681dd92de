// A real DynamoDB document client with SDK middlewares that count round trips and inject faults at chosen call sites.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { type SilentServer, startSilentServer } from './silent-server.js';

/** A logical call: its command, its wave, and when it started (epoch ms). */
export type CallRecord = { command: string; wave: number; startedAt: number };

export type Fault = {
  /** The command to fail, e.g. "TransactWriteItemsCommand". */
  command: string;
  /**
   * `before` (the default): the attempt fails before DynamoDB sees it. `after`: DynamoDB applies the attempt, then
   * its answer is lost as a reset connection. `stall`: the attempt goes to a server that accepts it and never answers.
   * `unprocessed` (BatchGetItemCommand): DynamoDB answers, leaving the keys `unprocessed` accepts (every key when
   * absent) out of Responses and in UnprocessedKeys, as it does when a table is throttled.
   */
  when?: 'before' | 'after' | 'stall' | 'unprocessed';
  /** Which keys (unmarshalled) an `unprocessed` fault leaves unread. */
  unprocessed?: (key: Record<string, unknown>) => boolean;
  /** Builds the error each attempt of that command throws (`before` only). */
  error?: () => Error;
  /** How many attempts fail before the call goes through (Infinity: all). */
  times: number;
  /** Fails only the calls whose input this accepts, e.g. one referral's transaction. */
  matches?: (input: Record<string, unknown>) => boolean;
};

/**
 * Another writer's step around a call, for a race played in order: `before` runs (and may wait, e.g. at a barrier)
 * before the call is sent; `after` runs once its answer arrived, before the caller sees it, so that a change slips in
 * between a read and what is built on it.
 */
export type Interleaving = {
  command: string;
  matches?: (input: Record<string, unknown>) => boolean;
  /** How many calls it applies to (Infinity: all). */
  times: number;
  before?: () => Promise<void>;
  after?: () => Promise<void>;
};

/** What Node's HTTP client throws when the connection is reset before the answer is read. */
export const lostAnswer = (): Error => Object.assign(new Error('socket hang up (injected: the answer was lost)'), { code: 'ECONNRESET' });

let silentServer: Promise<SilentServer> | undefined;
const silent = () => {
  silentServer ??= startSilentServer();
  return silentServer;
};

type KeysAndAttributes = { Keys: Parameters<typeof unmarshall>[0][] };
type BatchGetAnswer = {
  Responses?: Record<string, Record<string, unknown>[]>;
  UnprocessedKeys?: Record<string, { Keys?: Record<string, unknown>[] }>;
};

/**
 * Moves the keys `withheld` accepts from a BatchGetItem's answer to its UnprocessedKeys. Below lib-dynamodb's
 * unmarshalling the input is marshalled and the answer is not (the document client unmarshalls it further in).
 */
const leaveUnprocessed = (input: Record<string, unknown>, answer: BatchGetAnswer, withheld: (key: Record<string, unknown>) => boolean) => {
  for (const [table, request] of Object.entries(input.RequestItems as Record<string, KeysAndAttributes>)) {
    const held = request.Keys.map((key) => unmarshall(key)).filter(withheld);
    if (held.length === 0) continue;
    const isHeld = (item: Record<string, unknown>) =>
      held.some((key) => Object.entries(key).every(([name, value]) => item[name] === value));
    answer.Responses = { ...answer.Responses, [table]: (answer.Responses?.[table] ?? []).filter((item) => !isHeld(item)) };
    answer.UnprocessedKeys = { ...answer.UnprocessedKeys, [table]: { ...request, Keys: held } };
  }
};

type Applying = { command: string; times: number; matches?: (input: Record<string, unknown>) => boolean };

/** The first fault or interleaving that applies to this call and has uses left. */
const firstApplying = <T extends Applying>(candidates: T[], command: string, input: Record<string, unknown>): T | undefined =>
  candidates.find((candidate) => candidate.command === command && candidate.times > 0 && (candidate.matches?.(input) ?? true));

export const instrumentedClient = (options: { maxAttempts?: number } = {}) => {
  const client: DynamoDBDocumentClient = createDocumentClient({
    endpoint: process.env.DYNAMODB_ENDPOINT,
    maxAttempts: options.maxAttempts ?? 3,
  });
  const calls: CallRecord[] = [];
  let inFlight = 0;
  let wave = 0;
  const faults: Fault[] = [];
  const interleavings: Interleaving[] = [];
  let attempts = 0;

  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (inFlight === 0) wave += 1;
      inFlight += 1;
      calls.push({ command: String(context.commandName), wave, startedAt: Date.now() });
      try {
        return await next(args);
      } finally {
        inFlight -= 1;
      }
    },
    { step: 'initialize', name: 'countRoundTrips', priority: 'high' },
  );

  // Once per logical call, inside the round-trip count: a step waited for before the call is part of its wave.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const step = firstApplying(interleavings, String(context.commandName), input);
      if (!step) return next(args);
      step.times -= 1;
      await step.before?.();
      const answer = await next(args);
      await step.after?.();
      return answer;
    },
    { step: 'initialize', name: 'interleaveWriters', priority: 'low' },
  );

  // Below the SDK's retry layer: each attempt of a call meets the fault, and a retry resends the same request (token included).
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: Record<string, unknown> }).input;
      const fault = firstApplying(faults, String(context.commandName), input);
      if (!fault) return next(args);
      fault.times -= 1;
      attempts += 1;
      const when = fault.when ?? 'before';
      if (when === 'before') throw (fault.error ?? lostAnswer)();
      if (when === 'unprocessed') {
        const answer = await next(args);
        leaveUnprocessed(input, (answer as { output: BatchGetAnswer }).output, fault.unprocessed ?? (() => true));
        return answer;
      }
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
    interleave: (step: Interleaving) => interleavings.push(step),
    injectedAttempts: () => attempts,
    reset: () => {
      calls.length = 0;
      wave = 0;
      faults.length = 0;
      interleavings.length = 0;
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
