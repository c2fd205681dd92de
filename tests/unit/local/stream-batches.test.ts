import { describe, expect, it } from 'vitest';
import {
  afterInvocation,
  type MappingSettings,
  nextBatch,
  type Outcome,
  outcomeOf,
  type ShardReading,
  startReading,
} from '../../../local/stream-batches.js';

type Rec = { dynamodb: { SequenceNumber: string } };
const records = (count: number, first = 100): Rec[] =>
  Array.from({ length: count }, (_, index) => ({ dynamodb: { SequenceNumber: String(first + index) } }));
const seq = (batch: Rec[]) => batch.map((record) => Number(record.dynamodb.SequenceNumber));
const settings: MappingSettings = { batchSize: 10, retryAttempts: 5, bisectOnError: true };
const reading = (pending: Rec[], overrides: Partial<ShardReading<Rec>> = {}): ShardReading<Rec> => ({
  ...startReading<Rec>(settings),
  pending,
  ...overrides,
});

/** Runs a mapping over `pending` until nothing is left, the function answering by `answer`. */
const drive = (pending: Rec[], answer: (batch: Rec[]) => Outcome, mapping = settings) => {
  let state = reading(pending);
  const delivered: number[] = [];
  const discarded: number[] = [];
  let invocations = 0;
  while (state.pending.length > 0 && invocations < 1_000) {
    const batch = nextBatch(state);
    invocations++;
    const outcome = answer(batch);
    if (outcome.kind === 'success') delivered.push(...seq(batch));
    if (outcome.kind === 'partial') delivered.push(...seq(batch.slice(0, outcome.from)));
    const after = afterInvocation(state, batch, outcome, mapping);
    discarded.push(...seq(after.discarded));
    state = after.reading;
  }
  return { delivered, discarded, invocations };
};

describe('reading a partial batch response', () => {
  const batch = records(4);

  it.each([undefined, null, {}, { batchItemFailures: [] }, { batchItemFailures: null }])('takes %j as a success', (response) => {
    expect(outcomeOf(batch, response)).toEqual({ kind: 'success' });
  });

  it.each([
    [{ batchItemFailures: [{ itemIdentifier: '' }] }],
    [{ batchItemFailures: [{ itemIdentifier: null }] }],
    [{ batchItemFailures: [{ itemId: '101' }] }],
    [{ batchItemFailures: [{ itemIdentifier: 101 }] }],
    [{ batchItemFailures: [{ itemIdentifier: '999' }] }],
    [{ batchItemFailures: [{ itemIdentifier: '102' }, { itemIdentifier: '' }] }],
    [{ batchItemFailures: 'all' }],
  ])('fails the whole batch for %j', (response) => {
    expect(outcomeOf(batch, response)).toEqual({ kind: 'total' });
  });

  it('checkpoints at the lowest sequence number when several records failed', () => {
    expect(outcomeOf(batch, { batchItemFailures: [{ itemIdentifier: '103' }, { itemIdentifier: '101' }] })).toEqual({
      kind: 'partial',
      from: 1,
    });
  });
});

describe('a shard after an invocation', () => {
  it('hands out at most the batch size, oldest first', () => {
    expect(seq(nextBatch(reading(records(25))))).toEqual(seq(records(10)));
  });

  it('moves past a batch that succeeded, and back to the full size', () => {
    const after = afterInvocation(reading(records(12), { batchSize: 3, failures: 2, held: 3 }), records(3), { kind: 'success' }, settings);
    expect(after).toEqual({ reading: { pending: records(9, 103), batchSize: 10, failures: 0, held: 0 }, discarded: [] });
  });

  it('keeps counting after a success while records a failed invocation held are still ahead (the other half of a split)', () => {
    const state = reading(records(12), { batchSize: 5, failures: 3, held: 10 });
    const after = afterInvocation(state, records(5), { kind: 'success' }, settings);
    expect(after.reading).toEqual({ pending: records(7, 105), batchSize: 10, failures: 3, held: 5 });
  });

  it('retries a partial failure from its checkpoint, the rest of that batch alone, counting it as a failed try', () => {
    const after = afterInvocation(reading(records(12)), records(10), { kind: 'partial', from: 4 }, settings);
    expect(after.reading).toEqual({ pending: records(8, 104), batchSize: 6, failures: 1, held: 6 });
    const again = afterInvocation(after.reading, records(6, 104), { kind: 'partial', from: 0 }, settings);
    expect(again.reading).toEqual({ pending: records(8, 104), batchSize: 6, failures: 2, held: 6 });
  });

  it('does not restart the retry count when a partial response moves the checkpoint forward', () => {
    const after = afterInvocation(reading(records(12), { failures: 2, held: 10 }), records(10), { kind: 'partial', from: 4 }, settings);
    expect(after.reading).toMatchObject({ failures: 3, held: 6 });
  });

  it('without bisection, retries from the checkpoint at the full size', () => {
    const after = afterInvocation(reading(records(12)), records(10), { kind: 'partial', from: 4 }, { ...settings, bisectOnError: false });
    expect(after.reading.batchSize).toBe(10);
  });

  it('splits a batch on a function error without using a retry, and counts the error of a single record', () => {
    expect(afterInvocation(reading(records(12)), records(10), { kind: 'error' }, settings).reading).toMatchObject({
      batchSize: 5,
      failures: 0,
    });
    expect(afterInvocation(reading(records(12)), records(9), { kind: 'error' }, settings).reading.batchSize).toBe(5);
    expect(afterInvocation(reading(records(12), { batchSize: 1 }), records(1), { kind: 'error' }, settings).reading).toMatchObject({
      batchSize: 1,
      failures: 1,
    });
    expect(
      afterInvocation(reading(records(12)), records(10), { kind: 'error' }, { ...settings, bisectOnError: false }).reading,
    ).toMatchObject({
      batchSize: 10,
      failures: 1,
    });
  });

  it('counts a whole-batch failure as a retry of the same batch', () => {
    const after = afterInvocation(reading(records(12), { failures: 1 }), records(10), { kind: 'total' }, settings);
    expect(after.reading).toEqual({ pending: records(12), batchSize: 10, failures: 2, held: 10 });
  });

  it('discards the failing records after the retries and moves on', () => {
    const state = reading(records(12), { batchSize: 2, failures: settings.retryAttempts });
    const after = afterInvocation(state, records(2), { kind: 'total' }, settings);
    expect(seq(after.discarded)).toEqual([100, 101]);
    expect(after.reading).toEqual({ pending: records(10, 102), batchSize: 10, failures: 0, held: 0 });
    expect(afterInvocation({ ...state, failures: settings.retryAttempts - 1 }, records(2), { kind: 'total' }, settings).discarded).toEqual(
      [],
    );
  });

  it('after a discard, hands the rest of a split batch over alone with no retry left: a split still costs nothing, a failed try discards', () => {
    const state = reading(records(12), { batchSize: 2, failures: settings.retryAttempts, held: 10 });
    const after = afterInvocation(state, records(2), { kind: 'total' }, settings);
    expect(after.reading).toEqual({ pending: records(10, 102), batchSize: 8, failures: settings.retryAttempts, held: 8 });
    expect(afterInvocation(after.reading, records(8, 102), { kind: 'error' }, settings)).toMatchObject({
      reading: { batchSize: 4 },
      discarded: [],
    });
    expect(seq(afterInvocation(after.reading, records(8, 102), { kind: 'total' }, settings).discarded)).toEqual(seq(records(8, 102)));
  });
});

describe('a mapping over a shard', () => {
  it('isolates a record the function always fails on, discards it alone after its retries, and delivers every other once', () => {
    const poison = 103;
    const run = drive(records(10), (batch) => (seq(batch).includes(poison) ? { kind: 'error' } : { kind: 'success' }));
    expect(run.discarded).toEqual([poison]);
    expect(run.delivered.sort((a, b) => a - b)).toEqual(seq(records(10)).filter((value) => value !== poison));
    // Splits 10 → 5 → 3 → 1 cost nothing; the lone record gets one try and five retries.
    expect(run.invocations).toBeLessThan(20);
  });

  it('with a partial batch response, retries the batch from the reported record, and discards that rest after the retries', () => {
    const run = drive(records(14), (batch) => {
      const at = seq(batch).indexOf(106);
      return at === -1 ? { kind: 'success' } : { kind: 'partial', from: at };
    });
    expect(run.delivered).toEqual([100, 101, 102, 103, 104, 105, 110, 111, 112, 113]);
    expect(run.discarded).toEqual([106, 107, 108, 109]);
    // One try and five retries of the rest of the first batch, then the next batch.
    expect(run.invocations).toBe(1 + settings.retryAttempts + 1);
  });

  it('discards what is left of a batch after the retries even when each try got one record further', () => {
    const run = drive(records(10), (batch) => (batch.length > 1 ? { kind: 'partial', from: 1 } : { kind: 'success' }));
    expect(run.delivered).toEqual([100, 101, 102, 103, 104, 105]);
    expect(run.discarded).toEqual([106, 107, 108, 109]);
  });

  it('never splits a batch its reader fails whole: the batch is retried as it is and discarded whole', () => {
    const run = drive(records(10), (batch) => (seq(batch).includes(103) ? { kind: 'total' } : { kind: 'success' }));
    expect(run.discarded).toEqual(seq(records(10)));
    expect(run.invocations).toBe(1 + settings.retryAttempts);
  });
});
