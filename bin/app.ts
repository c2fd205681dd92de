// CDK app: reads the stage, the optional console JWT settings and the alarm e-mail from context, creates the stack.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { jwtSettingsFrom } from '../functions/auth/jwt-settings.js';
import { ReferralApiStack } from '../lib/referral-api-stack.js';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const adminJwt = jwtSettingsFrom({
  jwksUrl: app.node.tryGetContext('adminJwtJwksUrl') ?? process.env.ADMIN_JWT_JWKS_URL,
  issuer: app.node.tryGetContext('adminJwtIssuer') ?? process.env.ADMIN_JWT_ISSUER,
  audience: app.node.tryGetContext('adminJwtAudience') ?? process.env.ADMIN_JWT_AUDIENCE,
});

const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;

new ReferralApiStack(app, `ReferralApi-${stage}`, {
  stage,
  ...(adminJwt ? { adminJwt } : {}),
  ...(alarmEmail ? { alarmEmail: String(alarmEmail) } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

// Every synth and deploy runs the AwsSolutions checks; an unreviewed finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
