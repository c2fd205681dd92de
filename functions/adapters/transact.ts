// The one rule for a write whose answer may be lost: resend it, the same token each time, until its outcome is known.
import { createHash } from 'node:crypto';
import { setTimeout as pause } from 'node:timers/promises';
import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../shared/dependency-errors.js';
import type { WriteBudget } from '../shared/write-budget.js';
import { isTransientDynamoError, isUnknownOutcome } from './dynamodb-errors.js';

const MAX_CONTENTION_ATTEMPTS = 8;

/** Sends of one write, the SDK's own retries inside each not counted: a client cannot cause a resend storm. */
export const MAX_SENDS = 5;

/** Full jitter, capped: resends of many writes spread out instead of arriving together. */
const backoff = (attempt: number, capMs = 200) => pause(Math.random() * Math.min(capMs, 10 * 2 ** attempt));

/**
 * Sends a write until its outcome is known: an answer (success or a definite refusal), or the budget's deadline.
 * Each send is cut at the deadline. A resend after a lost answer is harmless only because the caller makes it so:
 * the same ClientRequestToken for a transaction, a condition for a plain write.
 * Once one send's outcome was unknown, a later throttle does not make it known: the first may have been applied.
 */
export const sendUntilKnown = async <T>(label: string, budget: WriteBudget, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => {
  let unknown: unknown;
  for (let attempt = 1; ; attempt++) {
    const remaining = budget.deadline - Date.now();
    if (remaining <= 0) {
      if (unknown !== undefined) throw new WriteOutcomeUnknown(unknown);
      throw new DependencyUnavailable(new Error(`no time left to send ${label}`));
    }
    try {
      return await send(AbortSignal.timeout(remaining));
    } catch (error) {
      if (!isTransientDynamoError(error)) throw error;
      if (isUnknownOutcome(error)) unknown = error;
      if (unknown === undefined) throw new DependencyUnavailable(error);
      if (attempt >= MAX_SENDS) throw new WriteOutcomeUnknown(error);
      budget.log.warn('resending a write whose outcome is unknown', {
        write: label,
        attempt: attempt + 1,
        error_name: (error as Error).name,
      });
      await backoff(attempt);
    }
  }
};

/**
 * A ClientRequestToken for one logical write: every resend of the same request carries the same one, so DynamoDB
 * applies it at most once (for 10 minutes). Another attempt after a cancellation is a new write, with a new token.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
export const clientRequestToken = (identity: string, attempt: number, request: TransactWriteCommandInput): string =>
  createHash('sha256')
    .update(`${identity}\n${attempt}\n${JSON.stringify(request.TransactItems)}`)
    .digest('base64url')
    .slice(0, 36);

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction's items by name, in the order they are sent: a cancellation's reasons are read by the same names. */
export type NamedItems<N extends string> = readonly (readonly [name: N, item: TransactItem])[];

/** A cancelled transaction's reason for each of its items, by the item's name. */
export type ReasonsByName<N extends string> = Partial<Record<N, CancellationReason>>;

/** The TransactWriteItems request of named items, in their order. */
export const itemsOf = <N extends string>(items: NamedItems<N>): TransactWriteCommandInput => ({
  TransactItems: items.map(([, item]) => item),
});

/** DynamoDB answers a cancellation with one reason per item, in the request's order; this names each. */
export const reasonsByName = <N extends string>(items: NamedItems<N>, reasons: CancellationReason[]): ReasonsByName<N> =>
  Object.fromEntries(items.map(([name], index) => [name, reasons[index]])) as ReasonsByName<N>;

export type TransactOutcome<N extends string = string> = { committed: true } | { committed: false; reasons: ReasonsByName<N> };

/** Whether a cancellation was caused only by other transactions on the same items (TransactionConflict), not by a condition. */
export const isContentionOnly = (reasons: CancellationReason[]): boolean =>
  reasons.every((reason) => reason.Code !== 'ConditionalCheckFailed');

/** Whether the item's condition failed (its reason's code), as opposed to contention or no failure. */
export const conditionFailed = (reason: CancellationReason | undefined): boolean => reason?.Code === 'ConditionalCheckFailed';

/**
 * Sends a transaction under its token until its outcome is known. Concurrent transactions on the same items cancel
 * each other with TransactionConflict; a short jittered retry lets them serialize. A failed condition is returned
 * at once, with its reasons. An outcome still unknown at the deadline throws WriteOutcomeUnknown. A write that must
 * not be dropped (`contentionUntilDeadline`) goes on retrying contention until the budget's deadline.
 * `identity` names the logical write (e.g. the request id and the referral), so that no two writes share a token.
 */
export const transactWrite = async <N extends string>(
  client: DynamoDBDocumentClient,
  items: NamedItems<N>,
  options: { identity: string; budget: WriteBudget; contentionUntilDeadline?: boolean },
): Promise<TransactOutcome<N>> => {
  const request = itemsOf(items);
  for (let attempt = 1; ; attempt++) {
    const command = new TransactWriteCommand({ ...request, ClientRequestToken: clientRequestToken(options.identity, attempt, request) });
    try {
      await sendUntilKnown(options.identity, options.budget, (abortSignal) => client.send(command, { abortSignal }));
      return { committed: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // A definite answer for this token: had any of its sends been applied, DynamoDB would answer success.
      const reasons = error.CancellationReasons ?? [];
      if (!isContentionOnly(reasons)) return { committed: false, reasons: reasonsByName(items, reasons) };
      if (attempt >= MAX_CONTENTION_ATTEMPTS && !options.contentionUntilDeadline)
        return { committed: false, reasons: reasonsByName(items, reasons) };
      await backoff(attempt);
    }
  }
};
