import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { isUnknownOutcome } from '../../../functions/adapters/dynamodb-errors.js';
import { clientRequestToken, MAX_SENDS, sendUntilKnown, transactWrite } from '../../../functions/adapters/transact.js';
import { toApiError } from '../../../functions/http/error-mapping.js';
import { DependencyUnavailable, WriteOutcomeUnknown } from '../../../functions/shared/dependency-errors.js';
import { ANSWER_RESERVE_MS, writeBudget } from '../../../functions/shared/write-budget.js';

const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const timeout = () => Object.assign(new Error('request timed out'), { name: 'TimeoutError' });
const throttled = () => Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const serverError = () => Object.assign(new Error('internal'), { name: 'InternalServerError', $fault: 'server' });

const recordingLog = () => {
  const lines: { message: string; attributes: Record<string, unknown> }[] = [];
  return { lines, warn: (message: string, attributes: Record<string, unknown>) => lines.push({ message, attributes }) };
};

/** A send that fails with the given errors in turn, then answers `value`. */
const failing = <T>(errors: (() => Error)[], value: T) => {
  const calls: AbortSignal[] = [];
  const send = async (signal: AbortSignal) => {
    calls.push(signal);
    const next = errors[calls.length - 1];
    if (next) throw next();
    return value;
  };
  return { send, calls };
};

describe('which failures leave a write unknown', () => {
  it('a reset, a timeout, an abort or a 5xx may follow an applied write', () => {
    for (const error of [reset(), timeout(), serverError(), Object.assign(new Error('aborted'), { name: 'AbortError' })]) {
      expect(isUnknownOutcome(error)).toBe(true);
    }
  });

  it('a throttle and a refused connection are definite: nothing was applied', () => {
    for (const error of [throttled(), refused(), new Error('a bug'), 'not an error']) expect(isUnknownOutcome(error)).toBe(false);
  });
});

describe('sending a write until its outcome is known', () => {
  it('resends after a lost answer and returns the answer, logging each resend with its attempt number', async () => {
    const log = recordingLog();
    const { send, calls } = failing([reset, timeout], 'ok');
    await expect(sendUntilKnown('reject#req-1', { deadline: Date.now() + 10_000, log }, send)).resolves.toBe('ok');
    expect(calls).toHaveLength(3);
    expect(log.lines).toEqual([
      { message: 'resending a write whose outcome is unknown', attributes: { write: 'reject#req-1', attempt: 2, error_name: 'Error' } },
      {
        message: 'resending a write whose outcome is unknown',
        attributes: { write: 'reject#req-1', attempt: 3, error_name: 'TimeoutError' },
      },
    ]);
  });

  it('gives up after MAX_SENDS sends, as unknown, so no client can cause a resend storm', async () => {
    const { send, calls } = failing(
      Array.from({ length: 50 }, () => reset),
      'never',
    );
    const error = await sendUntilKnown('w', { deadline: Date.now() + 60_000, log: recordingLog() }, send).catch((caught) => caught);
    expect(error instanceof WriteOutcomeUnknown).toBe(true);
    // The edge answers it as a retryable 500 that says the outcome is unknown.
    expect(toApiError(error)).toMatchObject({ type: 'dependency_unavailable', retryable: true, context: { write_outcome: 'unknown' } });
    expect(calls).toHaveLength(MAX_SENDS);
  });

  it('a throttle after a lost answer leaves the outcome unknown: the first send may have been applied', async () => {
    const { send } = failing([reset, throttled, throttled, throttled, throttled], 'never');
    const error = await sendUntilKnown('w', { deadline: Date.now() + 60_000, log: recordingLog() }, send).catch((caught) => caught);
    expect(error).toBeInstanceOf(WriteOutcomeUnknown);
  });

  it('a definite failure first is a retryable dependency failure, not unknown, and is not resent', async () => {
    const { send, calls } = failing([throttled], 'never');
    const error = await sendUntilKnown('w', { deadline: Date.now() + 60_000, log: recordingLog() }, send).catch((caught) => caught);
    expect(error).toBeInstanceOf(DependencyUnavailable);
    expect(error instanceof WriteOutcomeUnknown).toBe(false);
    expect(toApiError(error)).toMatchObject({ type: 'dependency_unavailable', retryable: true });
    expect(calls).toHaveLength(1);
  });

  it('passes any other failure (a refused condition) through as it is, for the caller to read', async () => {
    const condition = Object.assign(new Error('condition'), { name: 'ConditionalCheckFailedException' });
    const { send } = failing([reset, () => condition], 'never');
    await expect(sendUntilKnown('w', { deadline: Date.now() + 60_000, log: recordingLog() }, send)).rejects.toBe(condition);
  });

  it('starts no send past the deadline: not sent is definite, after a lost answer it is unknown', async () => {
    const never = failing([], 'never');
    const late = await sendUntilKnown('w', { deadline: Date.now() - 1, log: recordingLog() }, never.send).catch((caught) => caught);
    expect(late).toBeInstanceOf(DependencyUnavailable);
    expect(late instanceof WriteOutcomeUnknown).toBe(false);
    expect(never.calls).toHaveLength(0);

    let deadline = Date.now() + 60_000;
    const lost = async () => {
      deadline = Date.now() - 1;
      throw reset();
    };
    const budget = {
      get deadline() {
        return deadline;
      },
      log: recordingLog(),
    };
    await expect(sendUntilKnown('w', budget, lost)).rejects.toBeInstanceOf(WriteOutcomeUnknown);
  });

  it('cuts each send at the deadline with an abort signal', async () => {
    const { send, calls } = failing([], 'ok');
    await sendUntilKnown('w', { deadline: Date.now() + 5_000, log: recordingLog() }, send);
    expect(calls[0]?.aborted).toBe(false);
    const cut = await sendUntilKnown('w', { deadline: Date.now() + 20, log: recordingLog() }, (signal) => {
      return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    }).catch((caught) => caught);
    expect(cut instanceof WriteOutcomeUnknown).toBe(true);
  });

  it("the budget of a request's writes ends the answer's reserve before the function does", () => {
    const log = recordingLog();
    expect(writeBudget(10_000, log)).toEqual({ deadline: 10_000 - ANSWER_RESERVE_MS, log });
    expect(writeBudget(10_000, log, 2_000).deadline).toBe(8_000);
  });
});

describe('the token of a transaction', () => {
  const request = { TransactItems: [{ Put: { TableName: 'usage', Item: { pk: 'a', sk: 'b' } } }] };

  it('is the same for every resend of one write, and fits DynamoDB: 1-36 characters', () => {
    const token = clientRequestToken('reject#req-1#attr-1', 1, request);
    expect(clientRequestToken('reject#req-1#attr-1', 1, structuredClone(request))).toBe(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{36}$/);
  });

  it('differs for another write, another attempt after a cancellation, or another request', () => {
    const token = clientRequestToken('release#req-1', 1, request);
    expect(clientRequestToken('release#req-2', 1, request)).not.toBe(token);
    expect(clientRequestToken('release#req-1', 2, request)).not.toBe(token);
    const other = { TransactItems: [{ Put: { TableName: 'usage', Item: { pk: 'a', sk: 'c' } } }] };
    expect(clientRequestToken('release#req-1', 1, other)).not.toBe(token);
  });
});

describe('a transaction sent until its outcome is known', () => {
  const conflict = () =>
    new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'TransactionConflict' }],
    });
  const clientFailing = (errors: (() => Error)[]) => {
    const tokens: (string | undefined)[] = [];
    const client = {
      send: async (command: TransactWriteCommand) => {
        tokens.push(command.input.ClientRequestToken);
        const next = errors[tokens.length - 1];
        if (next) throw next();
        return {};
      },
    } as unknown as DynamoDBDocumentClient;
    return { client, tokens };
  };
  const request = [['usage', { Put: { TableName: 'usage', Item: { pk: 'a', sk: 'b' } } }]] as const;

  it('resends a lost answer under the same token', async () => {
    const { client, tokens } = clientFailing([reset, serverError]);
    const outcome = await transactWrite(client, request, { identity: 'w', budget: { deadline: Date.now() + 10_000, log: recordingLog() } });
    expect(outcome).toEqual({ committed: true });
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
  });

  it('retries a contention cancellation under a new token: the cancelled one was answered for', async () => {
    const { client, tokens } = clientFailing([reset, conflict]);
    const outcome = await transactWrite(client, request, { identity: 'w', budget: { deadline: Date.now() + 10_000, log: recordingLog() } });
    expect(outcome).toEqual({ committed: true });
    expect(tokens).toHaveLength(3);
    expect(tokens[1]).toBe(tokens[0]);
    expect(tokens[2]).not.toBe(tokens[1]);
  });
});
