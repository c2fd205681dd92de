// The referrals table's stream → the forwarder function → the event bus, with partial-batch reporting and a dead-letter queue.
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FORWARDER_FILTERS } from '../../functions/adapters/stream-filters.js';
import { readStream, streamDeadLetterQueue } from './stream-reading.js';

export type EventForwardingProps = {
  table: dynamodb.Table;
  bus: events.IEventBus;
  /** Builds the forwarder function with the environment it needs; the stack gives it its own role and log group. */
  forwarder: (environment: Record<string, string>) => lambda.Function;
};

export class EventForwarding extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly forwarder: lambda.Function;

  constructor(scope: Construct, id: string, props: EventForwardingProps) {
    super(scope, id);
    this.deadLetterQueue = streamDeadLetterQueue(this, 'DeadLetterQueue');
    this.forwarder = props.forwarder({ EVENT_BUS_NAME: props.bus.eventBusName, DEAD_LETTER_QUEUE_URL: this.deadLetterQueue.queueUrl });
    // Only PutEvents, only on this bus; the stream read and the queue are granted by the source and the destination.
    this.forwarder.addToRolePolicy(new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.bus.eventBusArn] }));
    this.deadLetterQueue.grantSendMessages(this.forwarder);
    readStream(this.forwarder, props.table, FORWARDER_FILTERS, this.deadLetterQueue);
  }
}
