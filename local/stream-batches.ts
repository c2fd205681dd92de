// How a DynamoDB stream event source mapping moves along one shard for one reader: which records the next invocation
// gets, where a partial batch response puts the checkpoint, how a function error splits the batch, and when failing
// records are discarded. The mapping's settings are the stack's (lib/runtime-settings.ts).
// https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
// https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html

export type MappingSettings = { batchSize: number; retryAttempts: number; bisectOnError: boolean };

/** One reader's place in one shard: the records not yet checkpointed, the next batch's size, and failed tries of its head. */
export type ShardReading<R> = { pending: R[]; batchSize: number; failures: number };

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
 * than one in two without using a retry ("Splitting a batch does not consume the retry quota"); with a partial batch
 * response and bisection on, only the batch's records from the checkpoint are retried. Past `retryAttempts` failed
 * retries of the same records they are discarded (in AWS, their metadata goes to the on-failure destination) and the
 * shard moves on. After a success the next batch is full size again.
 */
export const afterInvocation = <R>(
  reading: ShardReading<R>,
  batch: R[],
  outcome: Outcome,
  settings: MappingSettings,
): { reading: ShardReading<R>; discarded: R[] } => {
  const full = settings.batchSize;
  let next: ShardReading<R>;
  switch (outcome.kind) {
    case 'success':
      return { reading: { pending: reading.pending.slice(batch.length), batchSize: full, failures: 0 }, discarded: [] };
    case 'partial':
      next = {
        pending: reading.pending.slice(outcome.from),
        batchSize: settings.bisectOnError ? batch.length - outcome.from : full,
        failures: outcome.from === 0 ? reading.failures + 1 : 1,
      };
      break;
    case 'total':
      next = { ...reading, failures: reading.failures + 1 };
      break;
    case 'error':
      next =
        settings.bisectOnError && batch.length > 1
          ? { ...reading, batchSize: Math.ceil(batch.length / 2) }
          : { ...reading, failures: reading.failures + 1 };
      break;
  }
  if (next.failures <= settings.retryAttempts) return { reading: next, discarded: [] };
  const discarded = nextBatch(next);
  return { reading: { pending: next.pending.slice(discarded.length), batchSize: full, failures: 0 }, discarded };
};
