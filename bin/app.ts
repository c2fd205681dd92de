// CDK app: reads the stage, the optional console JWT settings and the alarm e-mail from context, creates the stack;
// given a repository, a branch and a connection, creates the deploy pipeline instead.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { jwtSettingsFrom } from '../functions/auth/jwt-settings.js';
import { PIPELINE_CONTEXT, PIPELINE_HINT, PIPELINE_STACK, PipelineStack } from '../lib/pipeline-stack.js';
import { ReferralApiStack } from '../lib/referral-api-stack.js';

const app = new App();
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  return value === undefined || value === '' ? undefined : String(value);
};
const adminJwt = jwtSettingsFrom({
  jwksUrl: context('adminJwtJwksUrl') ?? process.env.ADMIN_JWT_JWKS_URL,
  issuer: context('adminJwtIssuer') ?? process.env.ADMIN_JWT_ISSUER,
  audience: context('adminJwtAudience') ?? process.env.ADMIN_JWT_AUDIENCE,
});
const alarmEmail = context('alarmEmail');
const here = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

const [repository, branch, connectionArn] = PIPELINE_CONTEXT.map(context);
if (repository && branch && connectionArn) {
  const region = context('region') ?? here.region;
  const devAccount = context('devAccount');
  const prodAccount = context('prodAccount');
  new PipelineStack(app, PIPELINE_STACK, {
    env: { account: here.account, region },
    settings: {
      repository,
      branch,
      connectionArn,
      dev: { ...(devAccount ? { account: devAccount } : {}), ...(region ? { region } : {}) },
      prod: { ...(prodAccount ? { account: prodAccount } : {}), ...(region ? { region } : {}) },
      ...(adminJwt ? { adminJwt } : {}),
      ...(alarmEmail ? { alarmEmail } : {}),
    },
  });
} else {
  const stage = context('stage') ?? 'dev';
  new ReferralApiStack(app, `ReferralApi-${stage}`, {
    stage,
    ...(adminJwt ? { adminJwt } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    env: here,
  });
  console.error(PIPELINE_HINT);
}

// Every synth and deploy runs the AwsSolutions checks; an unreviewed finding stops it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
