// How a DynamoDB stream event source mapping moves along one shard for one reader: which records the next invocation
// gets, where a partial batch response puts the checkpoint, how a function error splits the batch, and when failing
// records are discarded. The mapping's settings are the stack's (lib/runtime-settings.ts).
//
// Documented, and followed here:
// - a partial batch response checkpoints at the lowest reported sequence number and retries from it; with bisection
//   on, the batch is split at that record and only the rest is retried; an empty or null identifier fails the whole
//   batch, which "Lambda retries ... based on your retry strategy"
//   (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html);
// - a function error splits the batch in two, and "splitting a batch does not consume the retry quota"; past the
//   retries the records are discarded to the on-failure destination
//   (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html).
// Not documented, so chosen here as the reading under which no local test can pass on retries AWS might not make:
// - the retry count does not restart when the checkpoint moves forward (a partial response, or the success of a split
//   half) while records a failed invocation held are still ahead: it ends only once the checkpoint has passed them
//   all. Restarting it would give those records retries AWS may not give.
// - a whole-batch failure response is not split, even with bisection on: the page splits "if your invocation fails"
//   and does not say whether such a response is one. A split would buy the batch tries that use no retry, and keep its
//   good records from being discarded with a bad one; AWS promises neither.
// - after a discard, records a failed invocation also held (the other half of a split) go on alone with a spent count:
//   a split still costs them nothing, but their next failed try discards them.

export type MappingSettings = { batchSize: number; retryAttempts: number; bisectOnError: boolean };

/**
 * One reader's place in one shard: the records not yet checkpointed, the next batch's size, the failed tries counted
 * since the count last ended, and how many of the first pending records a failed invocation held (the count ends
 * once the checkpoint has passed them).
 */
export type ShardReading<R> = { pending: R[]; batchSize: number; failures: number; held: number };

/** What an invocation said of its batch. */
export type Outcome =
  /** Nothing failed: the checkpoint moves past the batch. */
  | { kind: 'success' }
  /** A partial batch response: the checkpoint moves to this record, and it is retried with what follows. */
  | { kind: 'partial'; from: number }
  /** A response that fails the whole batch (an empty, null or unknown item identifier). */
  | { kind: 'total' }
  /** The function returned an error. */
  | { kind: 'error' };

export const startReading = <R>(settings: MappingSettings): ShardReading<R> => ({
  pending: [],
  batchSize: settings.batchSize,
  failures: 0,
  held: 0,
});

export const nextBatch = <R>(reading: ShardReading<R>): R[] => reading.pending.slice(0, reading.batchSize);

/**
 * Reads a function's answer as the batch failure reporting page does. An empty or null response, or an empty or null
 * `batchItemFailures`, is a success. An item identifier that is empty, null, not a string, or names no record of the
 * batch fails the batch whole (the page documents the first three; an identifier of no record is read the same way
 * here, not documented). With several, the checkpoint is the lowest sequence number, the earliest record of the batch.
 */
export const outcomeOf = (batch: { dynamodb?: { SequenceNumber?: string } }[], response: unknown): Outcome => {
  const failures = (response as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null || (Array.isArray(failures) && failures.length === 0)) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'total' };
  const indexes = failures.map((failure: { itemIdentifier?: unknown } | null) => {
    const identifier = failure?.itemIdentifier;
    return typeof identifier === 'string' && identifier !== ''
      ? batch.findIndex((record) => record.dynamodb?.SequenceNumber === identifier)
      : -1;
  });
  if (indexes.includes(-1)) return { kind: 'total' };
  return { kind: 'partial', from: Math.min(...indexes) };
};

/**
 * The reading after an invocation of `batch`, and the records given up on. A function error splits a batch of more
 * than one in two without using a retry; with a partial batch response and bisection on, only the batch's records
 * from the checkpoint are retried. Past `retryAttempts` failed retries they are discarded (in AWS, their metadata goes
 * to the on-failure destination) and the shard moves on. After a success the next batch is full size again.
 */
export const afterInvocation = <R>(
  reading: ShardReading<R>,
  batch: R[],
  outcome: Outcome,
  settings: MappingSettings,
): { reading: ShardReading<R>; discarded: R[] } => {
  const full = settings.batchSize;
  // Every record of a failed invocation is held until the checkpoint passes it.
  const held = Math.max(reading.held, batch.length);
  let next: ShardReading<R>;
  switch (outcome.kind) {
    case 'success': {
      const ahead = Math.max(0, reading.held - batch.length);
      return {
        reading: { pending: reading.pending.slice(batch.length), batchSize: full, failures: ahead > 0 ? reading.failures : 0, held: ahead },
        discarded: [],
      };
    }
    case 'partial':
      next = {
        pending: reading.pending.slice(outcome.from),
        batchSize: settings.bisectOnError ? batch.length - outcome.from : full,
        failures: reading.failures + 1,
        held: held - outcome.from,
      };
      break;
    case 'total':
      next = { ...reading, failures: reading.failures + 1, held };
      break;
    case 'error':
      next =
        settings.bisectOnError && batch.length > 1
          ? { ...reading, batchSize: Math.ceil(batch.length / 2), held }
          : { ...reading, failures: reading.failures + 1, held };
      break;
  }
  if (next.failures <= settings.retryAttempts) return { reading: next, discarded: [] };
  const discarded = nextBatch(next);
  const ahead = Math.max(0, next.held - discarded.length);
  return {
    reading: {
      pending: next.pending.slice(discarded.length),
      // What a failed invocation also held goes on alone, so that no fresh record joins a batch with no retry left.
      batchSize: ahead > 0 ? ahead : full,
      failures: ahead > 0 ? settings.retryAttempts : 0,
      held: ahead,
    },
    discarded,
  };
};
