// CDK app: given a repository, a branch and a connection in cdk.json's context, creates the deploy pipeline, every
// setting of which must be committed there; otherwise creates one stage's stack (-c stage=…, dev by default) for a
// hand-run deploy. Every synth runs the policy checks.
import { App } from 'aws-cdk-lib';
import {
  committedContext,
  pipelineSettingsFrom,
  reviewSlaHoursFrom,
  stageJwtSettings,
  statusIndexStep,
  UncommittedSetting,
} from '../lib/pipeline-settings.js';
import { PIPELINE_HINT, PIPELINE_STACK, PipelineStack } from '../lib/pipeline-stack.js';
import { addPolicyChecks } from '../lib/policy-checks.js';
import { ReferralApiStack } from '../lib/referral-api-stack.js';

const app = new App();
const context = (name: string): string | undefined => {
  const value = app.node.tryGetContext(name);
  return value === undefined || value === '' ? undefined : String(value);
};
const here = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

// The CDK CLI runs the app in the project's directory, where it read cdk.json.
const committedPipeline = () => {
  try {
    return pipelineSettingsFrom(context, committedContext(process.cwd()), process.env);
  } catch (error) {
    if (!(error instanceof UncommittedSetting)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};
const pipeline = context('stage') ? undefined : committedPipeline();
if (pipeline) {
  new PipelineStack(app, PIPELINE_STACK, { env: { account: here.account, region: context('region') ?? here.region }, settings: pipeline });
} else {
  const stage = context('stage') ?? 'dev';
  const adminJwt = stageJwtSettings(context, process.env);
  const alarmEmail = context('alarmEmail');
  const statusIndex = statusIndexStep(context);
  new ReferralApiStack(app, `ReferralApi-${stage}`, {
    stage,
    reviewSlaHours: reviewSlaHoursFrom(context),
    ...(adminJwt ? { adminJwt } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(statusIndex ? { statusIndex } : {}),
    env: here,
  });
  console.error(PIPELINE_HINT);
}

addPolicyChecks(app);
