// Sends a TransactWriteItems request, retrying the cancellations that concurrent transactions cause.
import { type CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { callDynamo } from './dynamodb-errors.js';

const MAX_CONTENTION_ATTEMPTS = 8;

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

export type TransactOutcome = { committed: true } | { committed: false; reasons: CancellationReason[] };

/** Whether a cancellation was caused only by other transactions on the same items (TransactionConflict), not by a condition. */
export const isContentionOnly = (reasons: CancellationReason[]): boolean =>
  reasons.every((reason) => reason.Code !== 'ConditionalCheckFailed');

/**
 * Concurrent transactions on the same items cancel each other with TransactionConflict;
 * a short jittered retry lets them serialize. A failed condition is returned at once, with its reasons.
 */
export const transactWrite = async (client: DynamoDBDocumentClient, request: TransactWriteCommandInput): Promise<TransactOutcome> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await callDynamo(() => client.send(new TransactWriteCommand(request)));
      return { committed: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (!isContentionOnly(reasons) || attempt >= MAX_CONTENTION_ATTEMPTS) return { committed: false, reasons };
      await backoff(attempt);
    }
  }
};
