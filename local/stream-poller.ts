// Reads the referrals table's stream on DynamoDB Local and hands its records to each reader (the event forwarder, the
// queue indexer), as their event source mappings do in AWS: each its own filters, batches of the mapping's size in
// stream order, a retry from a reported failure, a split batch on a function error, and records discarded after the
// mapping's retries (local/stream-batches.ts). https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { FilterPattern } from '../functions/adapters/stream-filters.js';
import { STREAM_BATCH_SIZE, STREAM_RETRY_ATTEMPTS } from '../lib/runtime-settings.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';
import { assertStreamFilters, passesFilters } from './event-filtering.js';
import { lambdaContext } from './lambda-context.js';
import {
  afterInvocation,
  type MappingSettings,
  nextBatch,
  type Outcome,
  outcomeOf,
  type ShardReading,
  startReading,
} from './stream-batches.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | undefined>;

/** A reader of the stream: its function's name, its mapping's filters (the stack's own), and its handler. */
export type StreamConsumer = { name: string; filters: FilterPattern[]; handler: StreamHandler };

export type StreamPoller = {
  stop(): Promise<void>;
  drain(): Promise<void>;
  /** The records each reader's mapping gave up on after its retries: in AWS, what reaches its dead-letter queue. */
  discarded: Map<string, StreamRecord[]>;
};

/**
 * A record as Lambda's event carries it: the SDK reads ApproximateCreationDateTime into a Date, where the event has
 * Unix seconds (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, the example event). DynamoDB Local stamps
 * it to the minute, AWS to the second.
 */
const asLambdaRecord = (record: StreamRecord): DynamoDBStreamEvent['Records'][number] => {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...record,
    dynamodb: { ...record.dynamodb, ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}) },
  } as DynamoDBStreamEvent['Records'][number];
};

/** The stack's event source mapping (lib/constructs/stream-reading.ts). */
const MAPPING: MappingSettings = { batchSize: STREAM_BATCH_SIZE, retryAttempts: STREAM_RETRY_ATTEMPTS, bisectOnError: true };

export const startStreamPoller = async (options: {
  endpoint: string;
  table: string;
  consumers: StreamConsumer[];
  intervalMs?: number;
  /** Where to start: TRIM_HORIZON reads what is already there, LATEST only what comes next. */
  from?: 'TRIM_HORIZON' | 'LATEST';
}): Promise<StreamPoller> => {
  // A filter AWS would not apply fails the start, not every poll.
  for (const consumer of options.consumers) assertStreamFilters(consumer.filters);
  const config = { endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.table }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.table} has no stream`);
  /** The last sequence number read on each shard; undefined until a record was read. */
  const positions = new Map<string, string | undefined>();
  /** Each reader's place in each shard: the records it has not yet taken, a failed batch's first. */
  const readings = new Map<string, ShardReading<StreamRecord>>();
  const discarded = new Map<string, StreamRecord[]>();
  let stopped = false;
  let skipExisting = options.from === 'LATEST';
  let running: Promise<void> = Promise.resolve();

  /**
   * A fresh iterator each read, just after the last record read: DynamoDB Local answers a NextShardIterator
   * that reached the end of its shard with TrimmedDataAccessException once more records arrive.
   */
  const readShard = async (shardId: string): Promise<StreamRecord[]> => {
    const last = positions.get(shardId);
    const iterator = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(last ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    if (!iterator.ShardIterator) return [];
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    const records = page.Records ?? [];
    const newest = records.at(-1)?.dynamodb?.SequenceNumber;
    if (newest) positions.set(shardId, newest);
    return records;
  };

  const discoverShards = async () => {
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || positions.has(shard.ShardId)) continue;
      positions.set(shard.ShardId, undefined);
      // "From LATEST" reads past what the shard already holds, without handing it over. (DynamoDB Local stamps
      // records to the minute, so their time cannot tell old from new.)
      while (skipExisting && (await readShard(shard.ShardId)).length > 0);
    }
  };

  /**
   * Hands one shard's new records to one reader, batch after batch until one fails: a failed batch is retried on the
   * next poll, before anything newer of its shard.
   */
  const deliver = async (consumer: StreamConsumer, shardId: string, records: StreamRecord[]) => {
    const key = `${consumer.name} ${shardId}`;
    const before = readings.get(key) ?? startReading<StreamRecord>(MAPPING);
    let reading = { ...before, pending: [...before.pending, ...records.filter((record) => passesFilters(record, consumer.filters))] };
    let outcome: Outcome = { kind: 'success' };
    while (reading.pending.length > 0 && outcome.kind === 'success') {
      const batch = nextBatch(reading);
      outcome = await consumer.handler({ Records: batch.map(asLambdaRecord) }, lambdaContext(consumer.name)).then(
        (response) => outcomeOf(batch, response),
        (): Outcome => ({ kind: 'error' }),
      );
      const after = afterInvocation(reading, batch, outcome, MAPPING);
      reading = after.reading;
      if (after.discarded.length > 0) discarded.set(consumer.name, [...(discarded.get(consumer.name) ?? []), ...after.discarded]);
    }
    readings.set(key, reading);
  };

  const pollOnce = async () => {
    await discoverShards();
    for (const shardId of positions.keys()) {
      const fresh = await readShard(shardId);
      // Each mapping reads the stream on its own: the readers run side by side, as their functions do.
      await Promise.all(options.consumers.map((consumer) => deliver(consumer, shardId, fresh)));
    }
  };

  /** One poll at a time: the loop and drain() queue behind each other. */
  const poll = (): Promise<void> => {
    running = running.then(pollOnce).catch((error) => {
      if (process.env.POLLER_DEBUG) console.error('poll failed', error);
    });
    return running;
  };
  // The shards as they are now, read past when starting from LATEST, before anything is handed over.
  await discoverShards();
  skipExisting = false;
  const loop = async () => {
    while (!stopped) {
      await poll();
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
  };
  void loop();

  return {
    /** Resolves after a full poll that started after the call, so that what was written before has been handed over. */
    drain: () => poll(),
    discarded,
    stop: async () => {
      stopped = true;
      await running;
      dynamo.destroy();
      streams.destroy();
    },
  };
};
