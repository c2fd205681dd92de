// CDK app: reads the stage and the optional console JWT settings from context, creates the stack.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReferralApiStack } from '../lib/referral-api-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const jwksUrl = app.node.tryGetContext('adminJwtJwksUrl') ?? process.env.ADMIN_JWT_JWKS_URL;
const issuer = app.node.tryGetContext('adminJwtIssuer') ?? process.env.ADMIN_JWT_ISSUER;
const audience = app.node.tryGetContext('adminJwtAudience') ?? process.env.ADMIN_JWT_AUDIENCE;

new ReferralApiStack(app, `ReferralApi-${stage}`, {
  stage,
  ...(jwksUrl && issuer && audience ? { adminJwt: { jwksUrl, issuer, audience } } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// Every synth and deploy runs the AwsSolutions checks; an unreviewed finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
