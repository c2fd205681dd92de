// What tells a team how a stage is doing: alarms that notify an SNS topic, and one dashboard per stage.
import { Aws, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { apiRoutes } from '../../functions/http/routes/index.js';
import { limitGrantsToAwsServices } from './least-privilege.js';
import { RECONCILE_EVERY_MINUTES } from './reconciliation.js';

export type OperationsProps = {
  stageName: string;
  api: apigateway.RestApi;
  authorizer: lambda.IFunction;
  functions: Record<string, lambda.IFunction>;
  tables: Record<string, dynamodb.ITable>;
  /**
   * The tables' global secondary indexes. A throttled index throttles its table's writes, and the table's own
   * WriteThrottleEvents does not count it: each index has its own metrics, by GlobalSecondaryIndexName.
   */
  indexes: { table: dynamodb.ITable; indexName: string }[];
  /** Stream records that could not become events. */
  deadLetterQueue: sqs.IQueue;
  /** The reconciler and its schedule group: a schedule that cannot invoke it shows only in Scheduler's metrics. */
  reconciler: { fn: lambda.IFunction; scheduleGroup: scheduler.IScheduleGroup };
  /** Stream batches the queue indexer could not place. */
  queueIndexDeadLetterQueue: sqs.IQueue;
  /** The functions' own metrics: namespace and the dimensions Powertools adds (service, stage). */
  metrics: { namespace: string; dimensions: Record<string, string> };
  alarmEmail?: string;
  /** What happens to the topic's key when the stack is deleted: a retained key keeps costing until it is scheduled for deletion. */
  removalPolicy: RemovalPolicy;
};

const PER_MINUTE = { period: Duration.minutes(1), statistic: 'Sum' };

/** Where each alarm's runbook section is, in the repository. */
export const RUNBOOK = 'docs/operations.md';

export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly topicKey: kms.Key;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** An alarm no metric ever raises: the deploy pipeline sets it by hand to prove that alarms reach the topic. */
  readonly deliveryCheck: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    // CloudWatch cannot publish to a topic encrypted with the AWS managed key alias/aws/sns: its policy cannot be
    // changed to let the service use it. A customer managed key whose policy does is required:
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    // https://repost.aws/knowledge-center/cloudwatch-configure-alarm-sns
    this.topicKey = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the alarm topic of the referral admin API (${props.stageName})`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    // The key statement as the SNS guide documents it for an AWS service publishing to an encrypted topic, without
    // conditions: no AWS page says aws:SourceAccount or aws:SourceArn reach KMS's request context when CloudWatch
    // publishes, and if they did not, every alarm action would fail. The topic policy below gates publishing.
    // https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToUseTheKey',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    limitGrantsToAwsServices(this.topicKey);
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Referral admin API alarms (${props.stageName})`,
      enforceSSL: true,
      masterKey: this.topicKey,
    });
    // enforceSSL leaves a policy that only denies; the alarms of this account need an allow to publish.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        // Only this account's alarms: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${account}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const own = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: props.metrics.namespace,
        metricName,
        dimensionsMap: props.metrics.dimensions,
        period: Duration.minutes(1),
        statistic,
      });
    const stage = props.api.deploymentStage;

    // API Gateway's metrics with ApiName and Stage, so that another stage in the account never fires this one's alarm.
    this.alarm('Api5xxAlarm', 'The admin API answered 5xx to callers', 'api-5xx', stage.metricServerError(PER_MINUTE));
    // Only unexpected authorizer failures count here; refusing a caller (401/403) is not one.
    this.alarm(
      'AuthorizerFailuresAlarm',
      'The authorizer failed (a DynamoDB or JWKS outage, or a bug): callers got 500',
      'authorizer-failures',
      own('AuthorizerFailures'),
    );
    this.deliveryCheck = this.alarm(
      'AlarmDeliveryCheckAlarm',
      'Set by the deploy pipeline to prove that alarms reach this topic; no action needed',
      'alarm-delivery-check',
      own('AlarmDeliveryCheck'),
    );
    this.alarm('FunctionErrorsAlarm', 'A function answered an unexpected error (500)', 'function-errors', own('Errors'));
    this.alarm(
      'EventsDeadLetterAlarm',
      'referral.rejected or referral.approved events were not published: their stream records or events wait in the dead-letter queue',
      'events-dead-letter',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    );
    this.alarm(
      'QueueIndexDeadLetterAlarm',
      "Attributions were not placed in the review queue after another writer changed their status: the queue indexer's batches wait in its dead-letter queue",
      'queue-index-dead-letter',
      props.queueIndexDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    );
    // The reconciler's schedule: Scheduler could not invoke it (its role, the function's state) or gave up on an
    // invocation, and, whatever the cause, no pass ran for three intervals.
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html
    const schedules = props.reconciler.scheduleGroup;
    this.alarm(
      'ReconcilerScheduleErrorsAlarm',
      'The reconciler schedule could not invoke the reconciler, or dropped an invocation',
      'reconciler-schedule',
      new cloudwatch.MathExpression({
        expression: 'errors + dropped',
        usingMetrics: { errors: schedules.metricTargetErrors(PER_MINUTE), dropped: schedules.metricDropped(PER_MINUTE) },
        period: Duration.minutes(1),
        label: 'target errors and dropped invocations',
      }),
    );
    this.alarm(
      'ReconcilerIdleAlarm',
      'The reconciler has not run for three of its intervals',
      'reconciler-schedule',
      props.reconciler.fn.metricInvocations({ period: Duration.minutes(RECONCILE_EVERY_MINUTES * 3), statistic: 'Sum' }),
      { comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.BREACHING },
    );
    for (const [name, fn] of Object.entries({ Authorizer: props.authorizer, ...props.functions })) {
      this.alarm(`${name}ThrottlesAlarm`, `${name} invocations were throttled`, 'throttles', fn.metricThrottles(PER_MINUTE));
      // A function error is a crash or a timeout: the handlers answer every failure themselves, except the authorizer's 401.
      if (fn !== props.authorizer)
        this.alarm(`${name}CrashesAlarm`, `${name} invocations crashed or timed out`, 'crashes', fn.metricErrors(PER_MINUTE));
    }

    const indexMetric = (index: OperationsProps['indexes'][number], metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: index.table.tableName, GlobalSecondaryIndexName: index.indexName },
        ...PER_MINUTE,
      });
    for (const index of props.indexes) {
      const name = index.indexName.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());
      this.alarm(
        `${name}IndexWriteThrottlesAlarm`,
        `Writes to the ${index.indexName} index were throttled, which throttles its table's writes`,
        'index-throttles',
        indexMetric(index, 'WriteThrottleEvents'),
      );
    }

    const graph = (title: string, left: cloudwatch.IMetric[], width = 8) => new cloudwatch.GraphWidget({ title, left, width, height: 6 });
    const percentiles = (metric: (options: cloudwatch.MetricOptions) => cloudwatch.Metric) => [
      metric({ statistic: 'p50', period: Duration.minutes(1), label: 'p50' }),
      metric({ statistic: 'p99', period: Duration.minutes(1), label: 'p99' }),
    ];
    const tables = Object.values(props.tables);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `referrals-admin-${props.stageName}`,
      widgets: [
        [
          graph('Requests, 4xx and 5xx', [
            stage.metricCount(PER_MINUTE),
            stage.metricClientError(PER_MINUTE),
            stage.metricServerError(PER_MINUTE),
          ]),
          graph(
            'Answers by outcome',
            // Each route's successes by its own metric, then the refusals the chain counts for all of them.
            [...new Set(apiRoutes.map((route) => route.successMetric)), 'Refusals', 'Conflicts', 'LimitHits', 'Errors'].map((name) =>
              own(name),
            ),
          ),
          graph('Authorizer: refusals and failures', [own('AuthorizerRefusals'), own('AuthorizerFailures')]),
        ],
        [
          graph('API latency (ms)', [
            ...percentiles((o) => stage.metricLatency(o)),
            ...percentiles((o) => stage.metricIntegrationLatency(o)),
          ]),
          ...Object.entries({ Authorizer: props.authorizer, ...props.functions }).map(([name, fn]) =>
            graph(
              `${name} duration (ms)`,
              percentiles((o) => fn.metricDuration(o)),
            ),
          ),
        ],
        [
          graph('Charged credits', [own('ChargedCredits')]),
          graph(
            'DynamoDB throttle events',
            tables.flatMap((table) => ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => table.metric(name, PER_MINUTE))),
          ),
          graph('Events published and dead-lettered', [
            own('EventsPublished'),
            own('EventsDeadLettered'),
            props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
          ]),
          graph(
            'DynamoDB transaction conflicts',
            tables.map((table) => table.metric('TransactionConflict', PER_MINUTE)),
          ),
          graph('Queue placements by the indexer', [
            own('QueuePlacements'),
            own('QueuePlacementFailures'),
            props.queueIndexDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
          ]),
        ],
        [
          graph(
            'Index write throttles',
            props.indexes.map((index) => indexMetric(index, 'WriteThrottleEvents').with({ label: index.indexName })),
            12,
          ),
          graph(
            'Index consumed write capacity',
            props.indexes.map((index) => indexMetric(index, 'ConsumedWriteCapacityUnits').with({ label: index.indexName })),
            12,
          ),
        ],
      ],
    });
  }

  /** An alarm whose description says what it means and where its runbook is; it notifies the topic. */
  alarm(
    id: string,
    meaning: string,
    runbook: string,
    metric: cloudwatch.IMetric,
    options: Partial<Pick<cloudwatch.AlarmProps, 'comparisonOperator' | 'treatMissingData' | 'threshold'>> = {},
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: `${meaning}. Runbook: ${RUNBOOK}#${runbook}`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...options,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
