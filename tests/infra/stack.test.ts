import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STALE_AFTER_MS } from '../../functions/billing/reconcile.js';
import { MAX_DEAD_LETTER_BYTES } from '../../functions/events/forward-activity.js';
import { gatewayResponses } from '../../functions/http/gateway-responses.js';
import { RUNBOOK } from '../../lib/constructs/operations.js';
import { CDK_CONTEXT, templateApp } from '../../lib/project-app.js';
import { RECONCILE_EVERY_MINUTES, ReferralApiStack } from '../../lib/referral-api-stack.js';
import { BACKLOG_TIMEOUT_SECONDS, FUNCTION_TIMEOUT_SECONDS, RECONCILER_TIMEOUT_SECONDS } from '../../lib/runtime-settings.js';

const synth = (stage: string, extra: { alarmEmail?: string; context?: Record<string, unknown> } = {}) => {
  const app = templateApp(extra.context ? { context: extra.context } : {});
  const stack = new ReferralApiStack(app, `Test-${stage}`, {
    ...(extra.alarmEmail ? { alarmEmail: extra.alarmEmail } : {}),
    stage,
    adminJwt: {
      jwksUrl: 'https://console.example.com/.well-known/jwks.json',
      issuer: 'https://console.example.com',
      audience: 'referrals-admin',
    },
  });
  return { stack, template: Template.fromStack(stack) };
};

const policyActionsOf = (template: Template, roleLogicalId: string): string[] => {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) },
  });
  return Object.values(policies).flatMap((policy: any) =>
    policy.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat()),
  );
};

describe('ReferralApiStack', () => {
  let dev: ReturnType<typeof synth>;
  beforeAll(() => {
    dev = synth('dev');
  }, 120_000);

  it('routes POST /api/v1/admin/referrals/{id}/reject through the REQUEST authorizer to the reject function', () => {
    const { template, stack } = dev;
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'reject' });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{id}' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: Match.stringLikeRegexp('AdminAuthorizer') },
      Integration: Match.objectLike({
        Type: 'AWS_PROXY',
        Uri: Match.objectLike({
          'Fn::Join': Match.arrayWith([
            Match.arrayWith([{ 'Fn::GetAtt': [stack.getLogicalId(stack.rejectFunction.node.defaultChild as any), 'Arn'] }]),
          ]),
        }),
      }),
    });
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      AuthorizerResultTtlInSeconds: 0,
      AuthorizerUri: Match.objectLike({
        'Fn::Join': Match.arrayWith([
          Match.arrayWith([{ 'Fn::GetAtt': [stack.getLogicalId(stack.authorizerFunction.node.defaultChild as any), 'Arn'] }]),
        ]),
      }),
    });
  });

  it('runs both functions on Node.js 24 with their table names and settings in the environment', () => {
    const { template, stack } = dev;
    const tableRef = (key: keyof typeof stack.tables) => ({ Ref: stack.getLogicalId(stack.tables[key].node.defaultChild as any) });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Environment: { Variables: Match.objectLike({ REFERRALS_TABLE: tableRef('referrals'), USAGE_TABLE: tableRef('usage') }) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Environment: {
        Variables: Match.objectLike({
          API_KEYS_TABLE: tableRef('apiKeys'),
          ADMIN_JWT_JWKS_URL: 'https://console.example.com/.well-known/jwks.json',
          ADMIN_JWT_ISSUER: 'https://console.example.com',
          ADMIN_JWT_AUDIENCE: 'referrals-admin',
          AUTH_CACHE_TTL_SECONDS: '60',
        }),
      },
    });
  });

  it('grants each function only the table actions it uses', () => {
    const { template, stack } = dev;
    const roleOf = (fn: typeof stack.rejectFunction) => stack.getLogicalId(fn.role!.node.defaultChild as any);
    const logActions = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    expect(policyActionsOf(template, roleOf(stack.rejectFunction)).sort()).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'dynamodb:UpdateItem',
        ...logActions,
      ].sort(),
    );
    expect(policyActionsOf(template, roleOf(stack.authorizerFunction)).sort()).toEqual(['dynamodb:GetItem', ...logActions].sort());
    // The bulk reject reads the referrals in one batch and claims, completes or gives back its idempotency key.
    expect(policyActionsOf(template, roleOf(stack.routeFunctions.bulkRejectReferrals)).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        ...logActions,
      ].sort(),
    );
    // The reconciler pages stale reservations through their index, reads each page's records in one batch, reads
    // counters and usage records, and closes reservations.
    expect(policyActionsOf(template, roleOf(stack.reconcilerFunction)).sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        ...logActions,
      ].sort(),
    );
    // The queue indexer only places attribution items and records holds (the stream read is the event source's own grant).
    expect(
      policyActionsOf(template, roleOf(stack.queueIndexing.indexer)).filter(
        (action) =>
          action.startsWith('dynamodb:') &&
          !action.startsWith('dynamodb:DescribeStream') &&
          !action.startsWith('dynamodb:GetRecords') &&
          !action.startsWith('dynamodb:GetShardIterator') &&
          !action.startsWith('dynamodb:ListStreams'),
      ),
    ).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    template.resourcePropertiesCountIs(
      'AWS::IAM::Role',
      {
        ManagedPolicyArns: Match.anyValue(),
        AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }),
      },
      0,
    );
  });

  it('serves the review queue: the sparse, sharded queue index, two GET methods behind the authorizer, the list reading only that index', () => {
    const { template, stack } = dev;
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        {
          IndexName: 'review-queue',
          KeySchema: [
            { AttributeName: 'queue_key', KeyType: 'HASH' },
            { AttributeName: 'queue_order', KeyType: 'RANGE' },
          ],
          // Every field the list returns: ALL, since an INCLUDE may name at most 20.
          Projection: { ProjectionType: 'ALL' },
        },
        // The audit trail by day, for replaying events without a scan; no function reads it.
        {
          IndexName: 'by-activity-day',
          KeySchema: [
            { AttributeName: 'activity_day', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]),
    });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as any[];
    // Every route's method behind the authorizer: two reads; four decisions, the claim, claim-next, the note and the
    // reopen; the release.
    expect(methods.map((method) => [method.Properties.HttpMethod, method.Properties.AuthorizationType]).sort()).toEqual([
      ['DELETE', 'CUSTOM'],
      ['GET', 'CUSTOM'],
      ['GET', 'CUSTOM'],
      ...Array.from({ length: 8 }, () => ['POST', 'CUSTOM']),
    ]);
    const role = stack.getLogicalId(stack.routeFunctions.listReferrals.role!.node.defaultChild as any);
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: role }]) } }),
    ) as any[];
    const query = policies
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .find((statement) => statement.Action === 'dynamodb:Query');
    expect(JSON.stringify(query.Resource)).toContain('/index/review-queue');
  });

  it('keeps by-status beside review-queue during a switch, and the list reads it only at the read step', () => {
    const listEnvironment = (template: Template) =>
      (Object.values(template.findResources('AWS::Lambda::Function')) as any[])
        .map((fn) => fn.Properties.Environment?.Variables ?? {})
        .find(
          (variables) => variables.REFERRALS_TABLE && !variables.API_KEYS_TABLE && variables.USAGE_TABLE && 'QUEUE_SOURCE' in variables,
        );
    const indexNames = (template: Template) =>
      (Object.values(template.findResources('AWS::DynamoDB::Table')) as any[]).flatMap((table) =>
        (table.Properties.GlobalSecondaryIndexes ?? []).map((index: any) => index.IndexName),
      );
    const at = (statusIndex: 'read' | 'kept') => {
      const app = templateApp();
      return Template.fromStack(new ReferralApiStack(app, `Switch-${statusIndex}`, { stage: 'dev', statusIndex }));
    };
    const read = at('read');
    expect(indexNames(read)).toEqual(expect.arrayContaining(['by-status', 'review-queue']));
    expect(listEnvironment(read)).toMatchObject({ QUEUE_SOURCE: 'by-status' });
    expect(JSON.stringify(read.findResources('AWS::IAM::Policy'))).toContain('/index/by-status');
    const kept = at('kept');
    expect(indexNames(kept)).toEqual(expect.arrayContaining(['by-status', 'review-queue']));
    expect(listEnvironment(kept)).toBeUndefined();
    expect(indexNames(dev.template)).not.toContain('by-status');
  }, 120_000);

  it("alarms on each index's own write throttles and graphs its consumed write capacity", () => {
    const { template } = dev;
    for (const index of ['review-queue', 'by-activity-day', 'open-reservations']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'WriteThrottleEvents',
        Namespace: 'AWS/DynamoDB',
        Dimensions: Match.arrayWith([{ Name: 'GlobalSecondaryIndexName', Value: index }]),
        AlarmDescription: Match.stringLikeRegexp('index-throttles'),
      });
    }
    const dashboard = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard).toContain('ConsumedWriteCapacityUnits');
    expect(dashboard).toContain('GlobalSecondaryIndexName');
  });

  it('defines the three tables on demand, with point-in-time recovery and TTL on usage', () => {
    const { template } = dev;
    template.resourceCountIs('AWS::DynamoDB::Table', 3);
    template.allResourcesProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'key_hash', KeyType: 'HASH' }],
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('keeps and protects the tables, and keeps every log group, in production only', () => {
    const { template } = synth('prod');
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    template.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    expect(Object.keys(template.findResources('AWS::Logs::LogGroup')).length).toBe(17); // one per function (16) and the access log
    template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
    dev.template.allResources('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
  }, 120_000);

  it("runs the reconciler every few minutes in the stage's schedule group, without Scheduler's or Lambda's retries, alarmed when it cannot", () => {
    const { template, stack } = dev;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `rate(${RECONCILE_EVERY_MINUTES} minutes)`,
      State: 'ENABLED',
      GroupName: 'referrals-admin-dev',
      Target: {
        Arn: { 'Fn::GetAtt': [stack.getLogicalId(stack.reconcilerFunction.node.defaultChild as any), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 0 },
      },
    });
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'referrals-admin-dev' });
    // Named, not referenced: the schedule must wait for its group.
    const group = stack.getLogicalId(stack.reconciliation.scheduleGroup.node.defaultChild as any);
    const schedules = template.findResources('AWS::Scheduler::Schedule', { Properties: { GroupName: 'referrals-admin-dev' } });
    expect(Object.values(schedules).map((schedule: any) => schedule.DependsOn)).toEqual([[group]]);
    // Scheduler invokes asynchronously: Lambda retries nothing, and drops a pass older than the next one.
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: stack.getLogicalId(stack.reconcilerFunction.node.defaultChild as any) },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: RECONCILE_EVERY_MINUTES * 60,
    });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const scheduleAlarm = alarms.find((alarm) => String(alarm.Properties.AlarmDescription).includes('could not invoke the reconciler'));
    expect(JSON.stringify(scheduleAlarm.Properties.Metrics)).toMatch(
      /TargetErrorCount.*InvocationDroppedCount|InvocationDroppedCount.*TargetErrorCount/,
    );
    expect(JSON.stringify(scheduleAlarm.Properties.Metrics)).toContain('"ScheduleGroup"');
    const idle = alarms.find((alarm) => String(alarm.Properties.AlarmDescription).includes('has not run'));
    expect(idle.Properties).toMatchObject({
      MetricName: 'Invocations',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    // The reconciler has time for a backlog; the route functions keep their 10 s.
    expect(
      (template.findResources('AWS::Lambda::Function') as any)[stack.getLogicalId(stack.reconcilerFunction.node.defaultChild as any)]
        .Properties.Timeout,
    ).toBe(RECONCILER_TIMEOUT_SECONDS);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'open-reservations',
          KeySchema: [
            { AttributeName: 'reservation_day', KeyType: 'HASH' },
            { AttributeName: 'reserved_at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    });
    // An open reservation is left to the reconciler only once its request cannot be running any more.
    expect(STALE_AFTER_MS).toBeGreaterThan(FUNCTION_TIMEOUT_SECONDS * 1000 * 2);
  });

  it('loads the functions as fast as they can: no source-map flag, and the stage in their environment', () => {
    const functions = Object.values(dev.template.findResources('AWS::Lambda::Function')) as any[];
    // The authorizer, eleven routes, the event forwarder, the queue indexer, the reconciler and the review backlog pass.
    expect(functions).toHaveLength(16);
    for (const fn of functions) {
      expect(fn.Properties.Environment.Variables).not.toHaveProperty('NODE_OPTIONS');
      expect(fn.Properties.Environment.Variables).toMatchObject({ STAGE: 'dev', POWERTOOLS_METRICS_NAMESPACE: 'ReferralsAdmin' });
      expect(fn.Properties).toMatchObject({ MemorySize: 1024, Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
    expect(functions.map((fn) => fn.Properties.Timeout).sort()).toEqual(
      [...Array(14).fill(10), RECONCILER_TIMEOUT_SECONDS, BACKLOG_TIMEOUT_SECONDS].sort(),
    );
  });

  it("gives every Gateway Response type its true status, the envelope with API Gateway's own request id, and static headers only", () => {
    const { template } = dev;
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')) as any[];
    const byType = Object.fromEntries(responses.map((response) => [response.Properties.ResponseType, response.Properties]));
    expect(Object.keys(byType).sort()).toEqual(Object.keys(gatewayResponses).sort());
    expect(byType).not.toHaveProperty('REQUEST_TOO_LARGE');
    for (const [kind, spec] of Object.entries(gatewayResponses)) {
      const properties = byType[kind];
      expect(properties.StatusCode, kind).toBe(spec.status === null ? undefined : String(spec.status));
      // Only documented mapping sources: a static value (no request parameter holds the request id).
      expect(properties.ResponseParameters).toEqual({ 'gatewayresponse.header.content-type': "'application/json'" });
      expect(JSON.parse(properties.ResponseTemplates['application/json'])).toMatchObject({
        error: { type: spec.type },
        request_id: '$context.extendedRequestId',
      });
    }
    for (const kind of ['WAF_FILTERED', 'RESOURCE_NOT_FOUND', 'INTEGRATION_TIMEOUT', 'API_CONFIGURATION_ERROR'])
      expect(byType).toHaveProperty(kind);
    // Left to DEFAULT_5XX, whose status is the integration's own (a throttle's 500), never a 504 that means a timeout.
    expect(byType).not.toHaveProperty('INTEGRATION_FAILURE');
    const retryable = (kind: string) => JSON.parse(byType[kind].ResponseTemplates['application/json']).error.retryable;
    for (const kind of ['AUTHORIZER_CONFIGURATION_ERROR', 'AUTHORIZER_FAILURE', 'DEFAULT_5XX', 'THROTTLED', 'INTEGRATION_TIMEOUT'])
      expect(retryable(kind), kind).toBe(true);
    expect(JSON.parse(byType.AUTHORIZER_CONFIGURATION_ERROR.ResponseTemplates['application/json'])).toMatchObject({
      code: 500,
      error: { type: 'dependency_unavailable' },
    });
  });

  it('puts a web ACL on the stage that blocks bodies over 16 KB, inspected or not', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Action: { Block: {} },
          Statement: {
            SizeConstraintStatement: {
              FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
              ComparisonOperator: 'GT',
              Size: 16 * 1024,
              TextTransformations: Match.anyValue(),
            },
          },
        }),
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':apigateway:', '::/restapis/'])]) }),
    });
  });

  it('names the API per stage and alarms on its own ApiName and Stage', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'referrals-admin-dev', BinaryMediaTypes: ['*/*'] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: '5XXError',
      Dimensions: Match.arrayWith([
        { Name: 'ApiName', Value: 'referrals-admin-dev' },
        { Name: 'Stage', Value: Match.anyValue() },
      ]),
    });
  });

  it('alarms on authorizer failures, not on its Lambda Errors (which every 401 counts)', () => {
    const { template, stack } = dev;
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ReferralsAdmin',
      MetricName: 'AuthorizerFailures',
      Dimensions: Match.arrayWith([
        { Name: 'service', Value: 'referrals-admin' },
        { Name: 'stage', Value: 'dev' },
      ]),
    });
    const authorizerName = { Ref: stack.getLogicalId(stack.authorizerFunction.node.defaultChild as any) };
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    const onAuthorizer = alarms.filter((alarm) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(JSON.stringify(authorizerName)),
    );
    expect(onAuthorizer.map((alarm) => alarm.Properties.MetricName)).toEqual(['Throttles']);
  });

  it('notifies an SNS topic from every alarm, and subscribes alarmEmail when given', () => {
    const { template } = synth('dev', { alarmEmail: 'oncall@example.com' });
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as any[];
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: topic },
    });
    dev.template.resourceCountIs('AWS::SNS::Subscription', 0);
  }, 120_000);

  it('shows a dashboard per stage with traffic, latency, outcomes, refusals, credits and DynamoDB health', () => {
    const { template } = dev;
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0].Properties.DashboardName).toBe('referrals-admin-dev');
    const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
    for (const metric of [
      '5XXError',
      '4XXError',
      'Count',
      'Latency',
      'IntegrationLatency',
      'Duration',
      'AuthorizerRefusals',
      'AuthorizerFailures',
      'Rejections',
      'Conflicts',
      'LimitHits',
      'ChargedCredits',
      'WriteThrottleEvents',
      'TransactionConflict',
      'p99',
    ]) {
      expect(body, metric).toContain(metric);
    }
  });

  it('traces the stage and the functions with X-Ray, and logs why requests fail', () => {
    const { template } = dev;
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0] as any;
    expect(stage.Properties.TracingEnabled).toBe(true);
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    for (const variable of [
      '$context.authorizer.error',
      '$context.error.responseType',
      '$context.integrationErrorMessage',
      '$context.authorizer.principalId',
      '$context.authorizer.latency',
      '$context.integrationLatency',
      '$context.responseLatency',
    ]) {
      expect(Object.values(format)).toContain(variable);
    }
    expect(JSON.stringify(format)).not.toMatch(/identity\.(caller|user)\b/);
  });

  it('outputs the base URL, every table name and the event bus', () => {
    const outputs = dev.template.toJSON().Outputs;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'ReferralsTableName', 'ApiKeysTableName', 'UsageTableName', 'EventBusName', 'EventBusArn']),
    );
  });

  it("finds each dead-letter queue in its runbook by a stack output that holds that queue's URL alone", () => {
    const { template } = dev;
    const outputs: Record<string, { Value: unknown }> = template.toJSON().Outputs;
    const runbooks = readFileSync(path.resolve(import.meta.dirname, '../..', RUNBOOK), 'utf8');
    /** A runbook section: from its heading to the next heading. */
    const section = (anchor: string) => runbooks.split(/^#{2,3} /m).find((part) => part.startsWith(`${anchor}\n`)) ?? '';
    const lookups = (text: string) => [...new Set([...text.matchAll(/OutputKey=='(\w+)'/g)].map((match) => match[1] as string))];
    const queueAlarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'ApproximateNumberOfMessagesVisible' } }),
    ) as any[];
    const watched = queueAlarms.map((alarm) => {
      const queue: string = alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0];
      const anchor = /Runbook: [\w/.-]+#([\w-]+)/.exec(alarm.Properties.AlarmDescription)?.[1] ?? '';
      const named = lookups(section(anchor));
      // One lookup, of an output that exists and holds this queue's URL and no other output's value.
      expect(named, anchor).toHaveLength(1);
      expect(outputs[named[0] as string]?.Value, anchor).toEqual({ Ref: queue });
      expect(Object.values(outputs).filter((output) => JSON.stringify(output.Value) === JSON.stringify({ Ref: queue }))).toHaveLength(1);
      return { queue, output: named[0] };
    });
    // Every queue of the stack is alarmed, each with its own runbook and output.
    expect(watched.map(({ queue }) => queue).sort()).toEqual(Object.keys(template.findResources('AWS::SQS::Queue')).sort());
    expect(new Set(watched.map(({ output }) => output)).size).toBe(watched.length);
    // Every output the docs read exists; none lists the stack's resources, which returns only the first 100.
    const docs = ['README.md', 'docs/operations.md', 'docs/development.md', 'docs/architecture.md'].map((file) =>
      readFileSync(path.resolve(import.meta.dirname, '../..', file), 'utf8'),
    );
    for (const key of docs.flatMap(lookups)) expect(Object.keys(outputs)).toContain(key);
    for (const text of docs) expect(text).not.toMatch(/describe-stack-resources|DescribeStackResources/);
  });

  it('streams new images of the referrals table to the forwarder, only activity and hold items, with partial failures and a dead-letter queue', () => {
    const { template, stack } = dev;
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    const dlq = stack.getLogicalId(stack.forwarding.deadLetterQueue.node.defaultChild as any);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.tables.referrals.node.defaultChild as any), 'StreamArn'] },
      FunctionName: { Ref: stack.getLogicalId(stack.forwarding.forwarder.node.defaultChild as any) },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 24 * 3600,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { sk: { S: [{ prefix: 'activity#' }, { prefix: 'hold#' }] } } } }) }],
      },
    });
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'referrals-dev' });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    // Set on both queues, not left to a default a queue created before SQS's raise to 1 MiB might keep.
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.allResourcesProperties('AWS::SQS::Queue', { MaximumMessageSize: MAX_DEAD_LETTER_BYTES });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: Match.anyValue() }],
    });
  });

  it("keeps the referrals table's stream to two readers, the forwarder and the queue indexer, each filtering on the dynamodb key only", () => {
    const { template, stack } = dev;
    const streamArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.tables.referrals.node.defaultChild as any), 'StreamArn'] };
    const readers = Object.values(
      template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { EventSourceArn: streamArn } }),
    ) as any[];
    // "More than 2 processes are reading from the same streams shard at the same time. Exceeding this limit may result in
    // request throttling": https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html
    expect(readers.map((mapping) => mapping.Properties.FunctionName.Ref).sort()).toEqual(
      [stack.forwarding.forwarder, stack.queueIndexing.indexer].map((fn) => stack.getLogicalId(fn.node.defaultChild as any)).sort(),
    );
    // Lambda filters a DynamoDB record on its dynamodb key only: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html
    for (const mapping of readers)
      for (const filter of mapping.Properties.FilterCriteria.Filters) expect(Object.keys(JSON.parse(filter.Pattern))).toEqual(['dynamodb']);
  });

  it("gives the forwarder its own role: PutEvents on the stage's bus, the stream read, the dead-letter queue", () => {
    const { template, stack } = dev;
    const role = stack.getLogicalId(stack.forwarding.forwarder.role!.node.defaultChild as any);
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: role }]) } }),
    ) as any[];
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining([
        'events:PutEvents',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:DescribeStream',
        'sqs:SendMessage',
      ]),
    );
    expect(actions.filter((action) => action.startsWith('events:'))).toEqual(['events:PutEvents']);
    expect(actions.filter((action) => /dynamodb:(Put|Update|Delete|Get)Item|dynamodb:Query/.test(action))).toEqual([]);
    const putEvents = statements.find((statement) => [statement.Action].flat().includes('events:PutEvents'));
    expect(putEvents.Resource).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(stack.eventBus.node.defaultChild as any), 'Arn'] });
  });

  it('redeploys the API when the authorizer changes (the deployment logical id covers it)', () => {
    expect(CDK_CONTEXT['@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId']).toBe(true);
    const deploymentId = (template: Template) => Object.keys(template.findResources('AWS::ApiGateway::Deployment'))[0];
    const without = synth('dev', { context: { '@aws-cdk/aws-apigateway:authorizerChangeDeploymentLogicalId': false } });
    expect(deploymentId(dev.template)).not.toBe(deploymentId(without.template));
  }, 120_000);

  it('answers 401 and 403 from API Gateway in the response envelope', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: {
        'application/json': Match.stringLikeRegexp('"code":401.*"type":"unauthorized".*"request_id":"\\$context.extendedRequestId"'),
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'ACCESS_DENIED',
      StatusCode: '403',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"msg":"Not an admin credential') },
    });
  });

  it('refuses plain HTTP in the API resource policy', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('logs access and throttles the stage, and alarms on throttles', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles' });
  });
});
