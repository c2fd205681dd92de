import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK } from '../../lib/constructs/operations.js';
import { reviewSlaHoursFrom, UncommittedSetting } from '../../lib/pipeline-settings.js';
import { CDK_CONTEXT, templateApp } from '../../lib/project-app.js';
import { BACKLOG_EVERY_MINUTES, DEFAULT_REVIEW_SLA_HOURS, ReferralApiStack } from '../../lib/referral-api-stack.js';
import { BACKLOG_TIMEOUT_SECONDS } from '../../lib/runtime-settings.js';

/** The committed settings, as the app reads its context. */
const committed = (name: string) => {
  const value = CDK_CONTEXT[name];
  return value === undefined || value === '' ? undefined : String(value);
};

const synth = (stage: string, reviewSlaHours?: number) => {
  const stack = new ReferralApiStack(templateApp(), `Backlog-${stage}`, { stage, ...(reviewSlaHours ? { reviewSlaHours } : {}) });
  return { stack, template: Template.fromStack(stack) };
};

const alarmsOf = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
const described = (template: Template, words: string) =>
  alarmsOf(template).find((alarm) => String(alarm.Properties.AlarmDescription).includes(words));

describe('the review backlog in the stack', () => {
  let dev: ReturnType<typeof synth>;
  beforeAll(() => {
    dev = synth('dev', reviewSlaHoursFrom(committed));
  }, 120_000);

  it('commits the review SLA in cdk.json, 48 hours, and refuses one that is not a positive number of hours', () => {
    expect(CDK_CONTEXT.reviewSlaHours).toBe(48);
    expect(reviewSlaHoursFrom(committed)).toBe(48);
    expect(reviewSlaHoursFrom(() => undefined)).toBe(DEFAULT_REVIEW_SLA_HOURS);
    for (const bad of ['0', '-1', 'two days', '1e3', '100000'])
      expect(() => reviewSlaHoursFrom(() => bad), bad).toThrow(UncommittedSetting);
  });

  it('alarms to the alarm topic when the oldest held referral is older than the SLA, with a runbook', () => {
    const { template } = dev;
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    const sla = described(template, 'longer than the review SLA');
    expect(sla.Properties).toMatchObject({
      Namespace: 'ReferralsAdmin',
      MetricName: 'OldestHeldAgeSeconds',
      Dimensions: [
        { Name: 'service', Value: 'referrals-admin' },
        { Name: 'stage', Value: 'dev' },
      ],
      Statistic: 'Maximum',
      Period: BACKLOG_EVERY_MINUTES * 60,
      Threshold: 48 * 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topic }],
    });
    const anchor = /Runbook: [\w/.-]+#([\w-]+)/.exec(sla.Properties.AlarmDescription)?.[1];
    expect(anchor).toBe('review-sla');
    const runbooks = readFileSync(path.resolve(import.meta.dirname, '../..', RUNBOOK), 'utf8');
    expect(runbooks).toMatch(/^### review-sla$/m);
    expect(runbooks).toMatch(/^### review-backlog-schedule$/m);
    // Another SLA, another threshold.
    expect(described(synth('sla', 24).template, 'longer than the review SLA').Properties.Threshold).toBe(24 * 3600);
  }, 120_000);

  it("runs the backlog pass every five minutes in its own schedule group, without Scheduler's or Lambda's retries, alarmed when it cannot", () => {
    const { template, stack } = dev;
    const fn = stack.getLogicalId(stack.backlogFunction.node.defaultChild as any);
    const group = stack.getLogicalId(stack.reviewBacklog.scheduleGroup.node.defaultChild as any);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'referrals-admin-dev-backlog' });
    const schedules = Object.values(
      template.findResources('AWS::Scheduler::Schedule', { Properties: { GroupName: 'referrals-admin-dev-backlog' } }),
    ) as any[];
    expect(schedules).toHaveLength(1);
    expect(schedules[0].DependsOn).toEqual([group]);
    expect(schedules[0].Properties).toMatchObject({
      ScheduleExpression: `rate(${BACKLOG_EVERY_MINUTES} minutes)`,
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: BACKLOG_EVERY_MINUTES * 60,
    });
    // Scheduler's failures, on the backlog's group only: the reconciler's group has its own alarm.
    const scheduler = JSON.stringify(described(template, 'could not invoke the backlog function').Properties.Metrics);
    expect(scheduler).toMatch(/TargetErrorCount.*InvocationDroppedCount|InvocationDroppedCount.*TargetErrorCount/);
    expect(scheduler).toContain('"referrals-admin-dev-backlog"');
    expect(described(template, 'backlog function has not run').Properties).toMatchObject({
      MetricName: 'Invocations',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
      Period: BACKLOG_EVERY_MINUTES * 3 * 60,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect((template.findResources('AWS::Lambda::Function') as any)[fn].Properties.Timeout).toBe(BACKLOG_TIMEOUT_SECONDS);
  });

  it('lets the backlog function query the review queue index and nothing else', () => {
    const { template, stack } = dev;
    const role = stack.getLogicalId(stack.backlogFunction.role?.node.defaultChild as any);
    const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } })).flatMap(
      (policy: any) => policy.Properties.PolicyDocument.Statement,
    );
    const table = stack.getLogicalId(stack.tables.referrals.node.defaultChild as any);
    expect(statements.filter((statement: any) => String(statement.Action).startsWith('dynamodb:'))).toEqual([
      {
        Action: 'dynamodb:Query',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, '/index/review-queue']] },
      },
    ]);
  });

  it('shows both metrics on the dashboard, the oldest beside the SLA', () => {
    const body = JSON.stringify(
      (Object.values(dev.template.findResources('AWS::CloudWatch::Dashboard'))[0] as any).Properties.DashboardBody,
    );
    for (const text of ['OldestHeldAgeSeconds', 'HeldCount', 'review SLA (48 h)', String(48 * 3600)]) expect(body, text).toContain(text);
  });
});
