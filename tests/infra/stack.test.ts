import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReferralApiStack } from '../../lib/referral-api-stack.js';

const synth = (stage: string) => {
  const app = new App();
  const stack = new ReferralApiStack(app, `Test-${stage}`, {
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
    const logActions = ['logs:CreateLogStream', 'logs:PutLogEvents'];
    expect(policyActionsOf(template, roleOf(stack.rejectFunction)).sort()).toEqual(
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:UpdateItem', ...logActions].sort(),
    );
    expect(policyActionsOf(template, roleOf(stack.authorizerFunction)).sort()).toEqual(['dynamodb:GetItem', ...logActions].sort());
    template.resourcePropertiesCountIs(
      'AWS::IAM::Role',
      {
        ManagedPolicyArns: Match.anyValue(),
        AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }),
      },
      0,
    );
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

  it('keeps and protects the tables in production', () => {
    const { template } = synth('prod');
    template.allResources('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    template.allResourcesProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
  }, 120_000);

  it('answers 401 and 403 from API Gateway in the response envelope', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: {
        'application/json': Match.stringLikeRegexp('"code":401.*"type":"unauthorized".*"request_id":"\\$context.requestId"'),
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'ACCESS_DENIED',
      StatusCode: '403',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('"msg":"Admin plan required"') },
    });
  });

  it('refuses plain HTTP in the API resource policy', () => {
    dev.template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('logs access and throttles the stage, and alarms on 5xx and throttles', () => {
    const { template } = dev;
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: Match.arrayWith([Match.objectLike({ ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 })]),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles' });
  });
});
