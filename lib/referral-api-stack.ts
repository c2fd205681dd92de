import { Aspects, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { QUEUE_INDEX, STATUS_INDEX } from '../functions/adapters/referrals-table.js';
import { OPEN_RESERVATIONS_INDEX } from '../functions/adapters/usage-table.js';
import type { JwtSettings } from '../functions/auth/jwt-settings.js';
import { MAX_BODY_BYTES } from '../functions/http/body-limit.js';
import { apiRoutes, type RouteName, routeFunctions } from '../functions/http/routes/index.js';
import { ApiFirewall } from './constructs/api-firewall.js';
import { EventForwarding } from './constructs/event-forwarding.js';
import { InvokedFromOwnAccount } from './constructs/least-privilege.js';
import { Operations } from './constructs/operations.js';
import { QueueIndexing } from './constructs/queue-indexing.js';
import { Reconciliation } from './constructs/reconciliation.js';
import { DEFAULT_REVIEW_SLA_HOURS, ReviewBacklog } from './constructs/review-backlog.js';
import { BACKLOG_TIMEOUT_SECONDS, RECONCILER_TIMEOUT_SECONDS } from './runtime-settings.js';
import { createAdminApi } from './stack/admin-api.js';
import { createTable } from './stack/dynamodb-tables.js';
import { createFunction, grantOn } from './stack/functions.js';
import { createSmokeTestRole } from './stack/smoke-test-role.js';
import { type StatusIndexStep, type TableDefinition, type TableKey, tableEnvironment, tablesAt } from './tables.js';

export type ReferralApiStackProps = StackProps & {
  /** Names the API, its stage, its dashboard and its metrics; `prod` keeps tables and logs on deletion. */
  stage: string;
  adminJwt?: JwtSettings;
  /** How long the authorizer reuses a key lookup: the delay before a revoked key stops working. */
  authCacheTtlSeconds?: number;
  /** Subscribed to the alarm topic when given. */
  alarmEmail?: string;
  /**
   * A deploy pipeline's smoke test: the account it runs in may assume a role allowed only what `npm run keys`
   * (a short-lived key) and `npm run smoke` need on this stage's tables; with `writes`, the write test's too.
   */
  smokeTest?: { account: string; writes: boolean };
  /** A step of a deployed table's switch away from the by-status index (lib/tables.ts); none once it is done. */
  statusIndex?: StatusIndexStep;
  /** The review SLA in hours (cdk.json's reviewSlaHours): the oldest held referral is alarmed past it. 48 when not given. */
  reviewSlaHours?: number;
};

export const METRICS_NAMESPACE = 'ReferralsAdmin';
export { RECONCILE_EVERY_MINUTES } from './constructs/reconciliation.js';
export { BACKLOG_EVERY_MINUTES, DEFAULT_REVIEW_SLA_HOURS } from './constructs/review-backlog.js';
export { bundling } from './stack/functions.js';
export { smokeTestRoleName } from './stack/smoke-test-role.js';
export const SERVICE_NAME = 'referrals-admin';

export class ReferralApiStack extends Stack {
  readonly api: apigateway.RestApi;
  readonly tables: Record<TableKey, dynamodb.Table>;
  readonly routeFunctions: Record<RouteName, NodejsFunction>;
  readonly authorizerFunction: NodejsFunction;
  readonly firewall: ApiFirewall;
  readonly operations: Operations;
  readonly eventBus: events.EventBus;
  readonly forwarding: EventForwarding;
  readonly queueIndexing: QueueIndexing;
  readonly reconcilerFunction: NodejsFunction;
  readonly reconciliation: Reconciliation;
  readonly backlogFunction: NodejsFunction;
  readonly reviewBacklog: ReviewBacklog;
  /** The stage's name: dev, prod, … */
  readonly stage: string;
  /** The outputs a pipeline step reads (envFromCfnOutputs). */
  readonly outputs: Record<'apiUrl' | 'referralsTable' | 'apiKeysTable' | 'usageTable' | 'alarmDeliveryCheck', CfnOutput> & {
    smokeRole?: CfnOutput;
  };

  get rejectFunction(): NodejsFunction {
    return this.routeFunctions.rejectReferral;
  }

  constructor(scope: Construct, id: string, props: ReferralApiStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const production = props.stage === 'prod';
    const retention = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const definitions = tablesAt(props.statusIndex);

    this.tables = Object.fromEntries(
      (Object.entries(definitions) as [TableKey, TableDefinition][]).map(([key, definition]) => [
        key,
        createTable(this, key, definition, production),
      ]),
    ) as Record<TableKey, dynamodb.Table>;

    const commonEnvironment = {
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      STAGE: props.stage,
      // Empty in AWS; declared so that `sam local invoke --env-vars` can point the functions at DynamoDB Local.
      DYNAMODB_ENDPOINT: '',
    };
    const tableEnv = (key: TableKey) => ({ [tableEnvironment[key]]: this.tables[key].tableName });

    this.routeFunctions = Object.fromEntries(
      apiRoutes.map(({ name }) => {
        const spec = routeFunctions[name];
        const grants: Partial<Record<TableKey, string[]>> = spec.grants;
        const indexGrants: Partial<Record<TableKey, Record<string, string[]>>> = spec.indexGrants ?? {};
        const tablesUsed = [...new Set([...Object.keys(grants), ...Object.keys(indexGrants)])] as TableKey[];
        const fn = createFunction(
          this,
          spec.id,
          spec.entry,
          { ...commonEnvironment, ...Object.assign({}, ...tablesUsed.map(tableEnv)) },
          retention,
        );
        for (const key of tablesUsed) {
          grantOn(fn, this.tables[key], grants[key] ?? []);
          for (const [index, actions] of Object.entries(indexGrants[key] ?? {})) grantOn(fn, this.tables[key], actions, index);
        }
        if (name === 'listReferrals' && props.statusIndex === 'read') {
          fn.addEnvironment('QUEUE_SOURCE', STATUS_INDEX);
          grantOn(fn, this.tables.referrals, ['dynamodb:Query'], STATUS_INDEX);
        }
        return [name, fn];
      }),
    ) as Record<RouteName, NodejsFunction>;

    this.authorizerFunction = createFunction(
      this,
      'AdminAuthorizerFunction',
      'functions/handlers/authorizer/handler.ts',
      {
        ...commonEnvironment,
        ...tableEnv('apiKeys'),
        AUTH_CACHE_TTL_SECONDS: String(props.authCacheTtlSeconds ?? 60),
        ...(props.adminJwt
          ? {
              ADMIN_JWT_JWKS_URL: props.adminJwt.jwksUrl,
              ADMIN_JWT_ISSUER: props.adminJwt.issuer,
              ADMIN_JWT_AUDIENCE: props.adminJwt.audience,
            }
          : {}),
      },
      retention,
    );
    grantOn(this.authorizerFunction, this.tables.apiKeys, ['dynamodb:GetItem']);

    this.api = createAdminApi(this, {
      stage: props.stage,
      authorizer: this.authorizerFunction,
      routeFunctions: this.routeFunctions,
      removalPolicy: retention,
    });

    // Every rejection goes out as a referral.rejected event on the stage's own bus, read off the referrals table's stream.
    this.eventBus = new events.EventBus(this, 'ReferralEvents', { eventBusName: `referrals-${props.stage}` });
    this.forwarding = new EventForwarding(this, 'EventForwarding', {
      table: this.tables.referrals,
      bus: this.eventBus,
      forwarder: (environment) =>
        createFunction(
          this,
          'EventForwarderFunction',
          'functions/handlers/forwarder/handler.ts',
          { ...commonEnvironment, ...environment },
          retention,
        ),
    });

    // Whoever writes an attribution's status (the referral pipeline writes this table too), its place in the review
    // queue follows, read off the same stream.
    this.queueIndexing = new QueueIndexing(this, 'QueueIndexing', {
      table: this.tables.referrals,
      indexer: () =>
        createFunction(
          this,
          'QueueIndexerFunction',
          'functions/handlers/queue-indexer/handler.ts',
          { ...commonEnvironment, ...tableEnv('referrals') },
          retention,
        ),
    });

    // Closes the credit reservations bulk requests left open (a release that failed, a function that ended early), so
    // that the day and month counters come back to the usage records within a pass or two.
    this.reconcilerFunction = createFunction(
      this,
      'ReconcilerFunction',
      'functions/handlers/reconciler/handler.ts',
      { ...commonEnvironment, ...tableEnv('usage') },
      retention,
      RECONCILER_TIMEOUT_SECONDS,
    );
    grantOn(this.reconcilerFunction, this.tables.usage, [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    grantOn(this.reconcilerFunction, this.tables.usage, ['dynamodb:Query'], OPEN_RESERVATIONS_INDEX);
    this.reconciliation = new Reconciliation(this, 'Reconciliation', { stageName: props.stage, reconciler: this.reconcilerFunction });

    // Measures the review backlog every few minutes from the review queue index alone.
    this.backlogFunction = createFunction(
      this,
      'ReviewBacklogFunction',
      'functions/handlers/review-backlog/handler.ts',
      { ...commonEnvironment, ...tableEnv('referrals') },
      retention,
      BACKLOG_TIMEOUT_SECONDS,
    );
    grantOn(this.backlogFunction, this.tables.referrals, ['dynamodb:Query'], QUEUE_INDEX);

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      maxBodyBytes: MAX_BODY_BYTES,
      name: `referrals-admin-${props.stage}`,
    });

    const metrics = { namespace: METRICS_NAMESPACE, dimensions: { service: SERVICE_NAME, stage: props.stage } };
    this.operations = new Operations(this, 'Operations', {
      stageName: props.stage,
      api: this.api,
      authorizer: this.authorizerFunction,
      functions: {
        ...Object.fromEntries(apiRoutes.map(({ name }) => [routeFunctions[name].id.replace(/Function$/, ''), this.routeFunctions[name]])),
        EventForwarder: this.forwarding.forwarder,
        QueueIndexer: this.queueIndexing.indexer,
        Reconciler: this.reconcilerFunction,
        ReviewBacklog: this.backlogFunction,
      },
      deadLetterQueue: this.forwarding.deadLetterQueue,
      reconciler: { fn: this.reconcilerFunction, scheduleGroup: this.reconciliation.scheduleGroup },
      queueIndexDeadLetterQueue: this.queueIndexing.deadLetterQueue,
      tables: this.tables,
      indexes: (Object.entries(definitions) as [TableKey, TableDefinition][]).flatMap(([key, definition]) =>
        Object.keys(definition.globalSecondaryIndexes ?? {}).map((indexName) => ({ table: this.tables[key], indexName })),
      ),
      metrics,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      removalPolicy: retention,
    });
    this.reviewBacklog = new ReviewBacklog(this, 'ReviewBacklog', {
      stageName: props.stage,
      fn: this.backlogFunction,
      operations: this.operations,
      slaHours: props.reviewSlaHours ?? DEFAULT_REVIEW_SLA_HOURS,
      metrics,
    });

    this.outputs = {
      apiUrl: new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the API stage' }),
      referralsTable: new CfnOutput(this, 'ReferralsTableName', { value: this.tables.referrals.tableName }),
      apiKeysTable: new CfnOutput(this, 'ApiKeysTableName', { value: this.tables.apiKeys.tableName }),
      usageTable: new CfnOutput(this, 'UsageTableName', { value: this.tables.usage.tableName }),
      alarmDeliveryCheck: new CfnOutput(this, 'AlarmDeliveryCheckName', {
        value: this.operations.deliveryCheck.alarmName,
        description: 'The alarm the deploy pipeline sets to prove that alarms reach the alarm topic',
      }),
      ...(props.smokeTest
        ? {
            smokeRole: new CfnOutput(this, 'SmokeTestRoleArn', {
              value: createSmokeTestRole(this, {
                stage: props.stage,
                smoke: props.smokeTest,
                tables: this.tables,
                deliveryCheck: this.operations.deliveryCheck,
              }).roleArn,
            }),
          }
        : {}),
    };
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.eventBus.eventBusArn });
    // Each dead-letter runbook reads its own queue's URL by this name (docs/operations.md). DescribeStackResources
    // returns only a stack's first 100 resources, and a filter on the type would find both queues:
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResources.html
    new CfnOutput(this, 'EventsDeadLetterQueueUrl', { value: this.forwarding.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'QueueIndexDeadLetterQueueUrl', { value: this.queueIndexing.deadLetterQueue.queueUrl });

    Aspects.of(this).add(new InvokedFromOwnAccount());
  }
}
