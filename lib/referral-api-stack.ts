// The stack: REST API with the REQUEST authorizer and the reject route, both functions, the tables, logs and alarms.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { JwtSettings } from '../functions/auth/jwt-settings.js';
import { errorEnvelope, type GatewayErrorKind, gatewayErrors } from '../functions/shared/envelope.js';
import { errorTypes } from '../functions/shared/error-types.js';
import { type TableDefinition, type TableKey, tableDefinitions, tableEnvironment } from './tables.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ReferralApiStackProps = StackProps & {
  /** `prod` keeps tables on deletion and turns on deletion protection. */
  stage: string;
  adminJwt?: JwtSettings;
  /** How long the authorizer reuses a key lookup: the delay before a revoked key stops working. */
  authCacheTtlSeconds?: number;
};

/**
 * Bundled with the locally installed esbuild: minified, CommonJS, source maps for stack traces.
 * The AWS SDK is bundled too (not taken from the runtime): the version tested is the version deployed,
 * and one minified file loads faster than the runtime's many SDK modules.
 */
export const bundling = {
  externalModules: [] as string[],
  minify: true,
  sourceMap: true,
  format: OutputFormat.CJS,
  target: 'node24',
  forceDockerBundling: false,
};

export class ReferralApiStack extends Stack {
  readonly api: apigateway.RestApi;
  readonly tables: Record<TableKey, dynamodb.Table>;
  readonly rejectFunction: NodejsFunction;
  readonly authorizerFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: ReferralApiStackProps) {
    super(scope, id, props);
    const production = props.stage === 'prod';

    this.tables = Object.fromEntries(
      (Object.entries(tableDefinitions) as [TableKey, TableDefinition][]).map(([key, definition]) => [
        key,
        this.table(key, definition, production),
      ]),
    ) as Record<TableKey, dynamodb.Table>;

    const commonEnvironment = {
      POWERTOOLS_SERVICE_NAME: 'referrals-admin',
      POWERTOOLS_METRICS_NAMESPACE: 'ReferralsAdmin',
      NODE_OPTIONS: '--enable-source-maps',
      // Empty in AWS; declared so that `sam local invoke --env-vars` can point the functions at DynamoDB Local.
      DYNAMODB_ENDPOINT: '',
    };
    const tableEnv = (key: TableKey) => ({ [tableEnvironment[key]]: this.tables[key].tableName });

    this.rejectFunction = this.function('RejectReferralFunction', 'functions/reject-referral/handler.ts', {
      ...commonEnvironment,
      ...tableEnv('referrals'),
      ...tableEnv('usage'),
    });
    this.tables.referrals.grant(this.rejectFunction, 'dynamodb:Query', 'dynamodb:UpdateItem');
    this.tables.usage.grant(this.rejectFunction, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem');

    this.authorizerFunction = this.function('AdminAuthorizerFunction', 'functions/authorizer/handler.ts', {
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
    });
    this.tables.apiKeys.grant(this.authorizerFunction, 'dynamodb:GetItem');

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.api = new apigateway.RestApi(this, 'ReferralsAdminApi', {
      description: 'Referral programme admin API',
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
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: 100,
        throttlingBurstLimit: 200,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
      },
    });

    // Caching is off: with two alternative credential headers, a cached REQUEST authorizer would answer 401
    // itself whenever one of them is absent. The authorizer caches key lookups in memory instead.
    const authorizer = new apigateway.RequestAuthorizer(this, 'AdminAuthorizer', {
      handler: this.authorizerFunction,
      identitySources: [],
      resultsCacheTtl: Duration.seconds(0),
    });

    this.api.root
      .resourceForPath('api/v1/admin/referrals/{id}/reject')
      .addMethod('POST', new apigateway.LambdaIntegration(this.rejectFunction), {
        authorizer,
        authorizationType: apigateway.AuthorizationType.CUSTOM,
        requestParameters: { 'method.request.path.id': true },
        requestValidatorOptions: { validateRequestParameters: true },
      });

    for (const kind of Object.keys(gatewayErrors) as GatewayErrorKind[]) {
      const type = gatewayErrors[kind];
      this.api.addGatewayResponse(`GatewayResponse${kind}`, {
        type: apigateway.ResponseType.of(kind),
        statusCode: String(errorTypes[type].status),
        responseHeaders: { 'content-type': "'application/json'" },
        templates: { 'application/json': JSON.stringify(errorEnvelope('$context.requestId', type)) },
      });
    }

    this.alarms();
    this.acknowledgeReviewedFindings();
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
        'AwsSolutions-APIG3',
        'An internal admin endpoint behind an authorizer, stage throttling and per-account rate limits; a WAF web ACL is attached per environment where the organisation runs one.',
      ],
      [
        'AwsSolutions-APIG2',
        'The method validates its required path parameter; the optional JSON body is validated in the function, which answers invalid input with the documented 400 envelope.',
      ],
    ];
    for (const [id, reason] of reviewed) Validations.of(this.api).acknowledge({ id, reason });
  }

  private table(key: TableKey, definition: TableDefinition, production: boolean): dynamodb.Table {
    const attribute = (k: { name: string; type: 'S' | 'N' }) => ({
      name: k.name,
      type: k.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
    });
    return new dynamodb.Table(this, `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`, {
      partitionKey: attribute(definition.partitionKey),
      ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
      ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: production,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }

  private function(id: string, entry: string, environment: Record<string, string>): NodejsFunction {
    const logGroup = new logs.LogGroup(this, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    // Its own role, allowed to write only to its own log group (no AWS managed policy).
    const role = new iam.Role(this, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    return new NodejsFunction(this, id, {
      role,
      entry: path.join(root, entry),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment,
      bundling,
      projectRoot: root,
      depsLockFilePath: path.join(root, 'package-lock.json'),
      logGroup,
    });
  }

  private alarms(): void {
    const alarmOn = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    const perMinute = { period: Duration.minutes(1), statistic: 'Sum' };
    alarmOn('Api5xxAlarm', 'The admin API answered 5xx', this.api.metricServerError(perMinute));
    for (const [name, fn] of [
      ['Reject', this.rejectFunction],
      ['Authorizer', this.authorizerFunction],
    ] as const) {
      alarmOn(`${name}ThrottlesAlarm`, `${name} function invocations were throttled`, fn.metricThrottles(perMinute));
      alarmOn(`${name}ErrorsAlarm`, `${name} function invocations failed`, fn.metricErrors(perMinute));
    }
  }
}
