// The reconciler and its schedule: every few minutes it closes the credit reservations bulk requests left open, so
// that the day and month counters come back to the usage records.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

/** How often the reconciler runs: an open reservation is closed within this, once its request cannot be running. */
export const RECONCILE_EVERY_MINUTES = 5;

export type ReconciliationProps = {
  stageName: string;
  /** The reconciler function, with its own role and its grants on the usage table. */
  reconciler: lambda.Function;
};

export class Reconciliation extends Construct {
  /** The stage's own schedule group, so that Scheduler's metrics (target errors, dropped invocations) are this stage's. */
  readonly scheduleGroup: scheduler.ScheduleGroup;

  constructor(scope: Construct, id: string, props: ReconciliationProps) {
    super(scope, id);
    // Scheduler invokes the function asynchronously, so Lambda's own retries (two) and event age (six hours) would
    // apply on top of the schedule's: none, and no pass older than the next one.
    // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
    props.reconciler.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.minutes(RECONCILE_EVERY_MINUTES) });
    this.scheduleGroup = new scheduler.ScheduleGroup(this, 'Schedules', { scheduleGroupName: `referrals-admin-${props.stageName}` });
    const schedule = new scheduler.Schedule(this, 'ReconcileSchedule', {
      description: 'Closes the credit reservations bulk requests left open',
      scheduleGroup: this.scheduleGroup,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(RECONCILE_EVERY_MINUTES)),
      // A missed pass is made good by the next one: no delivery retries to pile up.
      target: new schedulerTargets.LambdaInvoke(props.reconciler, { retryAttempts: 0 }),
    });
    // The group is named, not referenced, in the schedule's template: CloudFormation must create it first.
    schedule.node.addDependency(this.scheduleGroup);
    // The schedule's role is made at the stack's root (one per target function), so the finding is acknowledged there.
    const reconciler = Stack.of(this).getLogicalId(props.reconciler.node.defaultChild as lambda.CfnFunction);
    Validations.of(Stack.of(this)).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${reconciler}.Arn>:*]`,
      reason:
        "The schedule's role may invoke the reconciler function and its versions and aliases (Lambda's grantInvoke names <arn>:* for those), nothing else.",
    });
  }
}
