// How a function reads the referrals table's stream: its own dead-letter queue, and an event source mapping with the
// reader's filters, partial-batch reporting, bisection and bounded retries. Shared by the event forwarder and the
// queue indexer, so that both fail the same way: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StreamFilterPattern } from '../../functions/adapters/stream-filters.js';
import { MAX_DEAD_LETTER_BYTES } from '../../functions/events/forward-activity.js';
import { STREAM_BATCH_SIZE, STREAM_RETRY_ATTEMPTS } from '../runtime-settings.js';

/** A queue for what a stream reader gave up on: batches Lambda names, and items the reader sends itself. */
export const streamDeadLetterQueue = (scope: Construct, id: string): sqs.Queue => {
  const queue = new sqs.Queue(scope, id, {
    enforceSSL: true,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    retentionPeriod: Duration.days(14),
    // Set, not left to the default: AWS does not say whether a queue created before SQS raised its limit to 1 MiB
    // keeps 256 KiB, and the forwarder sizes its own letters to this (functions/events/forward-activity.ts).
    maxMessageSizeBytes: MAX_DEAD_LETTER_BYTES,
    // Marks it as a dead-letter queue (CT.SQS.PR.1 asks every other queue to have one). No source queue redrives
    // here: the stream's event source mapping and the reader send to it directly.
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
    redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter destination: of a stream event source mapping (records that failed every retry) and of its reader; a dead letter of dead letters would only move the same alarm.',
  });
  return queue;
};

/** Hands the table's stream to the function, filtered; batches that keep failing end in the dead-letter queue. */
export const readStream = (fn: lambda.Function, table: dynamodb.ITable, filters: StreamFilterPattern[], deadLetters: sqs.IQueue): void => {
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: STREAM_BATCH_SIZE,
      // One batch per shard at a time keeps the records of one item in stream order.
      parallelizationFactor: 1,
      bisectBatchOnError: true,
      retryAttempts: STREAM_RETRY_ATTEMPTS,
      maxRecordAge: Duration.hours(24),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetters),
      // Only what the reader acts on reaches the function: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
      filters: filters.map((pattern) => lambda.FilterCriteria.filter(pattern)),
    }),
  );
};
