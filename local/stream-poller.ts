// Reads the referrals table's stream on DynamoDB Local and hands its records to each reader (the event forwarder, the
// queue indexer), as their event source mappings do in AWS: each its own filters, batches in stream order, and a
// retry from a reported failure.
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
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';
import { passesFilters } from './event-filtering.js';
import { lambdaContext } from './lambda-context.js';

export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | undefined>;

/** A reader of the stream: its function's name, its mapping's filters (the stack's own), and its handler. */
export type StreamConsumer = { name: string; filters: FilterPattern[]; handler: StreamHandler };

export type StreamPoller = { stop(): Promise<void>; drain(): Promise<void> };

export const startStreamPoller = async (options: {
  endpoint: string;
  table: string;
  consumers: StreamConsumer[];
  intervalMs?: number;
  /** Where to start: TRIM_HORIZON reads what is already there, LATEST only what comes next. */
  from?: 'TRIM_HORIZON' | 'LATEST';
}): Promise<StreamPoller> => {
  const config = { endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: options.table }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.table} has no stream`);
  /** The last sequence number read on each shard; undefined until a record was read. */
  const positions = new Map<string, string | undefined>();
  /** Records a failed invocation handed back, by reader and shard, retried before anything newer of their shard. */
  const retry = new Map<string, StreamRecord[]>();
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

  /** Hands one shard's records to one reader, and keeps what it failed on for the next poll. */
  const deliver = async (consumer: StreamConsumer, shardId: string, records: StreamRecord[]) => {
    const key = `${consumer.name} ${shardId}`;
    const batch = [...(retry.get(key) ?? []), ...records.filter((record) => passesFilters(record, consumer.filters))];
    if (batch.length === 0) return;
    const response = await consumer
      .handler({ Records: batch as DynamoDBStreamEvent['Records'] }, lambdaContext(consumer.name))
      .catch(() => ({ batchItemFailures: [{ itemIdentifier: batch[0]?.dynamodb?.SequenceNumber ?? '' }] }));
    const failedFrom = response?.batchItemFailures?.[0]?.itemIdentifier;
    const index = failedFrom === undefined ? -1 : batch.findIndex((record) => record.dynamodb?.SequenceNumber === failedFrom);
    retry.set(key, index === -1 ? [] : batch.slice(index));
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
    stop: async () => {
      stopped = true;
      await running;
      dynamo.destroy();
      streams.destroy();
    },
  };
};
