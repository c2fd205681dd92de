// The review backlog, watched: a scheduled pass that publishes how many referrals wait in review and how long the
// oldest has waited, an alarm when the oldest is past the review SLA, and both on the stage's dashboard. The pass
// follows the reconciler's rules: Scheduler's and Lambda's retries off, a bounded event age, and alarms when it
// cannot run.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Operations } from './operations.js';

/** How often the backlog is measured: a referral past the SLA is alarmed within this, and the next alarm period. */
export const BACKLOG_EVERY_MINUTES = 5;
/** The review SLA when cdk.json's reviewSlaHours is unset: what the business promises a held referral. */
export const DEFAULT_REVIEW_SLA_HOURS = 48;

export type ReviewBacklogProps = {
  stageName: string;
  /** The pass's function, with its own role and its grant on the review queue index. */
  fn: lambda.Function;
  operations: Operations;
  /** The review SLA, in hours: the oldest held referral may wait this long. */
  slaHours: number;
  /** The functions' own metrics: namespace and the dimensions Powertools adds (service, stage). */
  metrics: { namespace: string; dimensions: Record<string, string> };
};

export class ReviewBacklog extends Construct {
  /** The pass's own schedule group, so that Scheduler's metrics for it are its own, apart from the reconciler's. */
  readonly scheduleGroup: scheduler.ScheduleGroup;
  readonly slaAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReviewBacklogProps) {
    super(scope, id);
    const { fn, operations } = props;
    // Scheduler invokes asynchronously: no Lambda retries on top of the schedule's none, and no pass older than the next.
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    fn.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(BACKLOG_EVERY_MINUTES) });
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Schedules', {
      scheduleGroupName: `referrals-admin-${props.stageName}-backlog`,
    });
    const schedule = new scheduler.Schedule(this, 'BacklogSchedule', {
      description: 'Measures the review backlog: how many referrals wait in review, and how long the oldest has waited',
      scheduleGroup: this.scheduleGroup,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(BACKLOG_EVERY_MINUTES)),
      // A missed pass is made good by the next one.
      target: new schedulerTargets.LambdaInvoke(fn, { retryAttempts: 0 }),
    });
    // The group is named, not referenced, in the schedule's template: CloudFormation must create it first.
    schedule.node.addDependency(this.scheduleGroup);
    const logicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason:
        "The schedule's role may invoke the backlog function and its versions and aliases (Lambda's grantInvoke names <arn>:* for those), nothing else.",
    });

    const every = Duration.minutes(BACKLOG_EVERY_MINUTES);
    const own = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: props.metrics.namespace,
        metricName,
        dimensionsMap: props.metrics.dimensions,
        period: every,
        statistic,
      });
    const oldest = own('OldestHeldAgeSeconds', 'Maximum');
    const slaSeconds = props.slaHours * 3600;
    // Missing data is not breaching: a pass that did not run is the idle alarm's.
    this.slaAlarm = operations.alarm(
      'ReviewSlaAlarm',
      `A referral has waited in review longer than the review SLA (${props.slaHours} h)`,
      'review-sla',
      oldest,
      { threshold: slaSeconds, comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD },
    );
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html
    const perMinute = { period: Duration.minutes(1), statistic: 'Sum' };
    operations.alarm(
      'BacklogScheduleErrorsAlarm',
      'The backlog schedule could not invoke the backlog function, or dropped an invocation',
      'review-backlog-schedule',
      new cloudwatch.MathExpression({
        expression: 'errors + dropped',
        usingMetrics: { errors: this.scheduleGroup.metricTargetErrors(perMinute), dropped: this.scheduleGroup.metricDropped(perMinute) },
        period: Duration.minutes(1),
        label: 'target errors and dropped invocations',
      }),
    );
    operations.alarm(
      'BacklogIdleAlarm',
      'The backlog function has not run for three of its intervals: the review SLA alarm sees no data',
      'review-backlog-schedule',
      fn.metricInvocations({ period: Duration.minutes(BACKLOG_EVERY_MINUTES * 3), statistic: 'Sum' }),
      { comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, treatMissingData: cloudwatch.TreatMissingData.BREACHING },
    );

    operations.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Oldest held referral (s), and the review SLA',
        left: [oldest.with({ label: 'OldestHeldAgeSeconds' })],
        leftAnnotations: [{ value: slaSeconds, label: `review SLA (${props.slaHours} h)`, color: '#d62728' }],
        width: 12,
        height: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Referrals held for review',
        left: [own('HeldCount', 'Maximum').with({ label: 'HeldCount' })],
        width: 12,
        height: 6,
      }),
    );
  }
}
