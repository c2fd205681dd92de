// The referrals table's stream → the queue indexer: whoever changes an attribution's status (this API or the referral
// pipeline), its place in the review queue index follows within seconds.

import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QUEUE_PLACEMENT_FILTERS } from '../../functions/adapters/stream-filters.js';
import { readStream, streamDeadLetterQueue } from './stream-reading.js';

export type QueueIndexingProps = {
  table: dynamodb.Table;
  /** Builds the indexer function; the stack gives it its own role, log group and the table's name. */
  indexer: () => lambda.Function;
};

export class QueueIndexing extends Construct {
  readonly deadLetterQueue: sqs.Queue;
  readonly indexer: lambda.Function;

  constructor(scope: Construct, id: string, props: QueueIndexingProps) {
    super(scope, id);
    this.deadLetterQueue = streamDeadLetterQueue(this, 'DeadLetterQueue');
    this.indexer = props.indexer();
    // It only places attribution items and records holds: a conditional UpdateItem, and a PutItem written once.
    this.indexer.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem', 'dynamodb:PutItem'], resources: [props.table.tableArn] }),
    );
    readStream(this.indexer, props.table, QUEUE_PLACEMENT_FILTERS, this.deadLetterQueue);
  }
}
