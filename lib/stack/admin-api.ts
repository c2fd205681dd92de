// The REST API of a stage: its resource policy, stage settings and access log, the REQUEST authorizer, one method per
// route of the route index, and every Gateway Response in the envelope. Made in the stack's scope: logical ids unchanged.
import { Duration, type RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  GATEWAY_RESPONSE_HEADERS,
  type GatewayResponseType,
  gatewayResponses,
  gatewayResponseTemplate,
} from '../../functions/http/gateway-responses.js';
import { apiRoutes, type RouteName } from '../../functions/http/routes/index.js';
import { AUTHORIZER_CACHE, BINARY_MEDIA_TYPES } from '../runtime-settings.js';

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

export const createAdminApi = (
  stack: Stack,
  options: {
    stage: string;
    authorizer: lambda.IFunction;
    routeFunctions: Record<RouteName, lambda.IFunction>;
    removalPolicy: RemovalPolicy;
  },
): apigateway.RestApi => {
  const accessLogs = new logs.LogGroup(stack, 'ApiAccessLogs', {
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: options.removalPolicy,
  });
  const api = new apigateway.RestApi(stack, 'ReferralsAdminApi', {
    // Named per stage: stages that share an account keep apart in metrics and alarms.
    restApiName: `referrals-admin-${options.stage}`,
    description: `Referral programme admin API (${options.stage})`,
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
      stageName: options.stage,
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

  // Caching is off (AUTHORIZER_CACHE says why); the authorizer caches key lookups in memory instead.
  const authorizer = new apigateway.RequestAuthorizer(stack, 'AdminAuthorizer', {
    handler: options.authorizer,
    identitySources: AUTHORIZER_CACHE.identityHeaders.map((header) => apigateway.IdentitySource.header(header)),
    resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE.ttlSeconds),
  });

  for (const route of apiRoutes) {
    const resource = api.root.resourceForPath(route.path.replace(/^\//, ''));
    const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    resource.addMethod(route.method, new apigateway.LambdaIntegration(options.routeFunctions[route.name]), {
      authorizer,
      authorizationType: apigateway.AuthorizationType.CUSTOM,
      requestParameters: Object.fromEntries(pathParameters.map((parameter) => [`method.request.path.${parameter}`, true])),
      requestValidatorOptions: { validateRequestParameters: true },
    });
  }

  for (const kind of Object.keys(gatewayResponses) as GatewayResponseType[]) {
    const status = gatewayResponses[kind].status;
    api.addGatewayResponse(`GatewayResponse${kind}`, {
      type: apigateway.ResponseType.of(kind),
      ...(status === null ? {} : { statusCode: String(status) }),
      responseHeaders: GATEWAY_RESPONSE_HEADERS,
      templates: { 'application/json': gatewayResponseTemplate(kind) },
    });
  }
  acknowledgeReviewedFindings(api);
  return api;
};

/** cdk-nag (AwsSolutions) findings reviewed and accepted, each with its reason. */
const acknowledgeReviewedFindings = (api: apigateway.RestApi): void => {
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
  for (const [id, reason] of reviewed) Validations.of(api).acknowledge({ id, reason });
};
