// The referrals table's stream → the forwarder function → the event bus, with partial-batch reporting and a dead-letter queue.
import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export type EventForwardingProps = {
  table: dynamodb.Table;
  bus: events.IEventBus;
  /** Builds the forwarder function with the environment it needs; the stack gives it its own role and log group. */
  forwarder: (environment: Record<string, string>) => lambda.Function;
};

/** Retries of a failing batch before its records go to the dead-letter queue. */
export const STREAM_RETRY_ATTEMPTS = 5;

export class EventForwarding extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly forwarder: lambda.Function;

  constructor(scope: Construct, id: string, props: EventForwardingProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
      // Marks it as a dead-letter queue (CT.SQS.PR.1 asks every other queue to have one). No source queue redrives
      // here: the stream's event source mapping and the forwarder send to it directly.
      // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.ALLOW_ALL },
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter destination: of the stream event source mapping (records that failed every retry) and of the forwarder (malformed activity items); a dead letter of dead letters would only move the same alarm.',
    });
    this.forwarder = props.forwarder({ EVENT_BUS_NAME: props.bus.eventBusName, DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl });
    // Only PutEvents, only on this bus; the stream read and the queue are granted by the source and the destination.
    this.forwarder.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.bus.eventBusArn] }));
    this.deadLetterQueue.grantSendMessages(this.forwarder);
    this.forwarder.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        // One batch per shard at a time keeps the events of one attribution in stream order.
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        // Only new activity items reach the function: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { sk: { S: lambda.FilterRule.beginsWith('activity#') } } },
          }),
        ],
      }),
    );
  }
}
