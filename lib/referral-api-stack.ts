// The stack: the REST API behind its web ACL, the REQUEST authorizer and the route functions, the tables, logs, alarms and dashboard.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aspects, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { STATUS_INDEX } from '../functions/adapters/referrals-table.js';
import { OPEN_RESERVATIONS_INDEX } from '../functions/adapters/usage-table.js';
import type { JwtSettings } from '../functions/auth/jwt-settings.js';
import {
  GATEWAY_RESPONSE_HEADERS,
  type GatewayResponseType,
  gatewayResponses,
  gatewayResponseTemplate,
} from '../functions/http/gateway-responses.js';
import { apiRoutes, type RouteName, routeFunctions } from '../functions/http/routes/index.js';
import { ApiFirewall } from './constructs/api-firewall.js';
import { EventForwarding } from './constructs/event-forwarding.js';
import { InvokedFromOwnAccount } from './constructs/least-privilege.js';
import { Operations } from './constructs/operations.js';
import { QueueIndexing } from './constructs/queue-indexing.js';
import { Reconciliation } from './constructs/reconciliation.js';
import {
  BINARY_MEDIA_TYPES,
  FUNCTION_MEMORY_MB,
  FUNCTION_TIMEOUT_SECONDS,
  MAX_REQUEST_BODY_BYTES,
  RECONCILER_TIMEOUT_SECONDS,
} from './runtime-settings.js';
import {
  type IndexDefinition,
  KEY_ID_INDEX,
  type StatusIndexStep,
  type TableDefinition,
  type TableKey,
  tableEnvironment,
  tablesAt,
} from './tables.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
};

/**
 * Bundled with the locally installed esbuild: minified CommonJS, with the AWS SDK inside (the version tested is the
 * version deployed, and one minified file loads faster than the runtime's many SDK modules). Source maps are kept
 * beside the bundle for offline symbolication, without sources; no function runs with --enable-source-maps, which
 * adds tens of milliseconds to loading and more to the first stack trace.
 */
export const bundling = {
  externalModules: [] as string[],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.CJS,
  target: 'node24',
  forceDockerBundling: false,
  // esbuild's size table is information, not a warning: a successful synth stays quiet.
  logLevel: LogLevel.WARNING,
};

export const METRICS_NAMESPACE = 'ReferralsAdmin';
/** The smoke test role's name, fixed so that a pipeline in another account can name it. */
export const smokeTestRoleName = (stage: string): string => `referral-api-smoke-${stage}`;
export { RECONCILE_EVERY_MINUTES } from './constructs/reconciliation.js';
export const SERVICE_NAME = 'referrals-admin';

/** Access log fields: who, what, and why a request failed, with each latency; none that this API always leaves empty. */
const ACCESS_LOG_FORMAT = {
  // The id every response names; requestId, which a client can set with x-amzn-RequestId, beside it.
  requestId: '$context.extendedRequestId',
  clientRequestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  principalId: '$context.authorizer.principalId',
  authorizerError: '$context.authorizer.error',
  authorizerStatus: '$context.authorizer.integrationStatus',
  authorizerLatency: '$context.authorizer.latency',
  errorResponseType: '$context.error.responseType',
  errorMessage: '$context.error.message',
  integrationErrorMessage: '$context.integrationErrorMessage',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  responseLatency: '$context.responseLatency',
  wafResponseCode: '$context.wafResponseCode',
  xrayTraceId: '$context.xrayTraceId',
};

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
        this.table(key, definition, production),
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
        const fn = this.function(
          spec.id,
          spec.entry,
          { ...commonEnvironment, ...Object.assign({}, ...tablesUsed.map(tableEnv)) },
          retention,
        );
        for (const key of tablesUsed) {
          this.grantOn(fn, key, grants[key] ?? []);
          for (const [index, actions] of Object.entries(indexGrants[key] ?? {})) this.grantOn(fn, key, actions, index);
        }
        if (name === 'listReferrals' && props.statusIndex === 'read') {
          fn.addEnvironment('QUEUE_SOURCE', STATUS_INDEX);
          this.grantOn(fn, 'referrals', ['dynamodb:Query'], STATUS_INDEX);
        }
        return [name, fn];
      }),
    ) as Record<RouteName, NodejsFunction>;

    this.authorizerFunction = this.function(
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
    this.grantOn(this.authorizerFunction, 'apiKeys', ['dynamodb:GetItem']);

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: retention });
    this.api = new apigateway.RestApi(this, 'ReferralsAdminApi', {
      // Named per stage: stages that share an account keep apart in metrics and alarms.
      restApiName: `referrals-admin-${props.stage}`,
      description: `Referral programme admin API (${props.stage})`,
      // Refuse plain HTTP at the API itself, on top of execute-api's HTTPS-only endpoint.
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            effect: iam.Effect.ALLOW,
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
          }),
          new iam.PolicyStatement({
            effect: iam.Effect.DENY,
            principals: [new iam.AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
            conditions: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      }),
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      binaryMediaTypes: BINARY_MEDIA_TYPES,
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
      },
    });

    // Caching is off: with two alternative credential headers, a cached REQUEST authorizer would answer 401
    // itself whenever one of them is absent. The authorizer caches key lookups in memory instead.
    const authorizer = new apigateway.RequestAuthorizer(this, 'AdminAuthorizer', {
      handler: this.authorizerFunction,
      identitySources: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    for (const route of apiRoutes) {
      const resource = this.api.root.resourceForPath(route.path.replace(/^\//, ''));
      const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
      resource.addMethod(route.method, new apigateway.LambdaIntegration(this.routeFunctions[route.name]), {
        authorizer,
        authorizationType: apigateway.AuthorizationType.CUSTOM,
        requestParameters: Object.fromEntries(pathParameters.map((parameter) => [`method.request.path.${parameter}`, true])),
        requestValidatorOptions: { validateRequestParameters: true },
      });
    }

    for (const kind of Object.keys(gatewayResponses) as GatewayResponseType[]) {
      const status = gatewayResponses[kind].status;
      this.api.addGatewayResponse(`GatewayResponse${kind}`, {
        type: apigateway.ResponseType.of(kind),
        ...(status === null ? {} : { statusCode: String(status) }),
        responseHeaders: GATEWAY_RESPONSE_HEADERS,
        templates: { 'application/json': gatewayResponseTemplate(kind) },
      });
    }

    // Every rejection goes out as a referral.rejected event on the stage's own bus, read off the referrals table's stream.
    this.eventBus = new events.EventBus(this, 'ReferralEvents', { eventBusName: `referrals-${props.stage}` });
    this.forwarding = new EventForwarding(this, 'EventForwarding', {
      table: this.tables.referrals,
      bus: this.eventBus,
      forwarder: (environment) =>
        this.function(
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
        this.function(
          'QueueIndexerFunction',
          'functions/handlers/queue-indexer/handler.ts',
          { ...commonEnvironment, ...tableEnv('referrals') },
          retention,
        ),
    });

    // Closes the credit reservations bulk requests left open (a release that failed, a function that ended early), so
    // that the day and month counters come back to the usage records within a pass or two.
    this.reconcilerFunction = this.function(
      'ReconcilerFunction',
      'functions/handlers/reconciler/handler.ts',
      { ...commonEnvironment, ...tableEnv('usage') },
      retention,
      RECONCILER_TIMEOUT_SECONDS,
    );
    this.grantOn(this.reconcilerFunction, 'usage', [
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    this.grantOn(this.reconcilerFunction, 'usage', ['dynamodb:Query'], OPEN_RESERVATIONS_INDEX);
    this.reconciliation = new Reconciliation(this, 'Reconciliation', { stageName: props.stage, reconciler: this.reconcilerFunction });

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      maxBodyBytes: MAX_REQUEST_BODY_BYTES,
      name: `referrals-admin-${props.stage}`,
    });

    this.operations = new Operations(this, 'Operations', {
      stageName: props.stage,
      api: this.api,
      authorizer: this.authorizerFunction,
      functions: {
        ...Object.fromEntries(apiRoutes.map(({ name }) => [routeFunctions[name].id.replace(/Function$/, ''), this.routeFunctions[name]])),
        EventForwarder: this.forwarding.forwarder,
        QueueIndexer: this.queueIndexing.indexer,
        Reconciler: this.reconcilerFunction,
      },
      deadLetterQueue: this.forwarding.deadLetterQueue,
      reconciler: { fn: this.reconcilerFunction, scheduleGroup: this.reconciliation.scheduleGroup },
      queueIndexDeadLetterQueue: this.queueIndexing.deadLetterQueue,
      tables: this.tables,
      indexes: (Object.entries(definitions) as [TableKey, TableDefinition][]).flatMap(([key, definition]) =>
        Object.keys(definition.globalSecondaryIndexes ?? {}).map((indexName) => ({ table: this.tables[key], indexName })),
      ),
      metrics: { namespace: METRICS_NAMESPACE, dimensions: { service: SERVICE_NAME, stage: props.stage } },
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      removalPolicy: retention,
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
        ? { smokeRole: new CfnOutput(this, 'SmokeTestRoleArn', { value: this.smokeTestRole(props.stage, props.smokeTest).roleArn }) }
        : {}),
    };
    new CfnOutput(this, 'AlarmTopicArn', { value: this.operations.topic.topicArn });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.eventBus.eventBusArn });

    Aspects.of(this).add(new InvokedFromOwnAccount());
    this.acknowledgeReviewedFindings();
  }

  /**
   * The role a pipeline's smoke test assumes: `npm run keys -- create` and `revoke` on the keys table (its key-id
   * index to find a key), and with writes what `npm run smoke -- --write` does: put, read and remove its own
   * referral, find and mark its usage record. Nothing else, on nothing else.
   */
  private smokeTestRole(stage: string, smoke: { account: string; writes: boolean }): iam.Role {
    const role = new iam.Role(this, 'SmokeTestRole', {
      roleName: smokeTestRoleName(stage),
      assumedBy: new iam.AccountPrincipal(smoke.account),
      description: `Assumed by the deploy pipeline's smoke test of ${this.stackName}`,
      maxSessionDuration: Duration.hours(1),
    });
    const grant = (key: TableKey, actions: string[], index?: string) =>
      role.addToPolicy(
        new iam.PolicyStatement({
          actions,
          resources: [index ? `${this.tables[key].tableArn}/index/${index}` : this.tables[key].tableArn],
        }),
      );
    grant('apiKeys', ['dynamodb:PutItem', 'dynamodb:UpdateItem']);
    grant('apiKeys', ['dynamodb:Query'], KEY_ID_INDEX);
    if (smoke.writes) {
      grant('referrals', ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem']);
      grant('usage', ['dynamodb:Query', 'dynamodb:UpdateItem']);
      // The alarm delivery check: set the check alarm's state and read its history, that alarm only.
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['cloudwatch:SetAlarmState', 'cloudwatch:DescribeAlarmHistory'],
          resources: [this.operations.deliveryCheck.alarmArn],
        }),
      );
    }
    return role;
  }

  /** cdk-nag (AwsSolutions) findings reviewed and accepted, each with its reason. */
  private acknowledgeReviewedFindings(): void {
    const reviewed: [id: string, reason: string][] = [
      [
        'AwsSolutions-COG4',
        'Callers are admins with an admin API key or a console JWT verified against the console JWKS; a Lambda REQUEST authorizer handles both, which a Cognito user pool authorizer cannot.',
      ],
      [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        'The account-level role API Gateway uses to write access and execution logs; AWS maintains this policy for exactly that purpose.',
      ],
      [
        'AwsSolutions-APIG2',
        'Each method validates its required path parameters; JSON bodies are validated in the functions, which answer invalid input with the documented 400 envelope, and the web ACL refuses bodies over 16 KB.',
      ],
    ];
    for (const [id, reason] of reviewed) Validations.of(this.api).acknowledge({ id, reason });
  }

  /**
   * Grants actions on a table, or on one of its indexes, and nothing else: Table.grant would add every index of
   * the table (`<arn>/index/*`) to each grant.
   */
  private grantOn(fn: NodejsFunction, key: TableKey, actions: string[], index?: string): void {
    if (actions.length === 0) return;
    const table = this.tables[key];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [index ? `${table.tableArn}/index/${index}` : table.tableArn] }));
  }

  private table(key: TableKey, definition: TableDefinition, production: boolean): dynamodb.Table {
    const attribute = (k: { name: string; type: 'S' | 'N' }) => ({
      name: k.name,
      type: k.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
    });
    const table = new dynamodb.Table(this, `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      ...(definition.stream ? { stream: dynamodb.StreamViewType.NEW_IMAGE } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const [indexName, index] of Object.entries<IndexDefinition>(definition.globalSecondaryIndexes ?? {})) {
      table.addGlobalSecondaryIndex({
        indexName,
        partitionKey: attribute(index.partitionKey),
        ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
        ...(typeof index.projection === 'object'
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.include] }
          : { projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY }),
      });
    }
    return table;
  }

  private function(
    id: string,
    entry: string,
    environment: Record<string, string>,
    removalPolicy: RemovalPolicy,
    timeoutSeconds = FUNCTION_TIMEOUT_SECONDS,
  ): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, removalPolicy });
    // Its own role, allowed to write only to its own log group (no AWS managed policy).
    const role = new iam.Role(this, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, id, {
      role,
      entry: path.join(root, entry),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: FUNCTION_MEMORY_MB,
      timeout: Duration.seconds(timeoutSeconds),
      environment,
      bundling,
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      logGroup,
      // X-Ray from the runtime alone: no tracing SDK in the bundle.
      tracing: lambda.Tracing.ACTIVE,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions; the table and log grants name their resources.',
    });
    return fn;
  }
}
