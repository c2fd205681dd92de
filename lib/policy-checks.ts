// The policy checks every synth runs: cdk-nag's AwsSolutions rules and AWS Control Tower's proactive controls (the
// cfn-guard rules @cdklabs/cdk-validator-cfnguard ships). A finding that is neither fixed nor acknowledged stops the synth.
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { type App, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The prefix under which the validation framework names cfn-guard's rules, for acknowledgements. */
const GUARD = 'cdk-validator-cfnguard';

/**
 * The Control Tower controls this application does not meet, each with why. This is the one place they are turned
 * off: a control that fails anywhere else is a finding, and stops the synth.
 */
export const CONTROL_TOWER_EXCEPTIONS: Readonly<Record<string, { control: string; reason: string }>> = {
  lambda_inside_vpc_check: {
    control: 'CT.LAMBDA.PR.3',
    reason:
      'The functions call only AWS endpoints (DynamoDB, EventBridge, SQS) over TLS, signed with their own IAM roles, and the ' +
      "console's JWKS host over HTTPS; a VPC would add NAT gateways or interface endpoints and cold-start latency, and protect nothing they reach.",
  },
  cloudwatch_log_group_encrypted_check: {
    control: 'CT.CLOUDWATCH.PR.3',
    reason:
      'CloudWatch Logs encrypts every log group at rest with its own keys. The functions log no secret (keys and tokens are never ' +
      'logged, a test holds it), and a customer managed key on each log group would add a key policy for the Logs service per region and a KMS call per batch without protecting more.',
  },
  s3_bucket_logging_enabled_check: {
    control: 'CT.S3.PR.2',
    reason:
      "The pipeline's artifact bucket is written and read only by CodePipeline and CodeBuild under their roles, and every such call is in CloudTrail; server access logs would need a log bucket of their own.",
  },
  s3_event_notifications_enabled_check: {
    control: 'CT.S3.PR.4',
    reason: "Nothing reacts to the pipeline's artifacts: CodePipeline hands them from action to action itself.",
  },
  s3_bucket_object_lock_enabled_check: {
    control: 'CT.S3.PR.9',
    reason:
      "The pipeline's artifacts are rebuilt from the repository on every run; Object Lock would keep each one undeletable for its retention and block the lifecycle rule that expires them.",
  },
};

/**
 * CT.LAMBDA.PR.2 reads a permission's SourceAccount only as a literal. A stack synthesized without an account (no
 * credentials, `cdk synth` on a laptop) names it as AWS::AccountId, which CloudFormation resolves at deploy time: the
 * permission is as narrow, and the control's deploy-time hook sees the resolved value. Only such stacks skip it here.
 */
const ACCOUNT_UNKNOWN_AT_SYNTH = {
  rule: 'lambda_function_public_access_prohibited_check',
  control: 'CT.LAMBDA.PR.2',
  reason:
    'Every permission names SourceAccount beside its SourceArn, here as AWS::AccountId because this stack was synthesized ' +
    'without an account; CloudFormation resolves it at deploy time, and the rule accepts only a literal.',
};

const acknowledge = (scope: IConstruct, { rule, control, reason }: { rule: string; control: string; reason: string }) =>
  Validations.of(scope).acknowledge({ id: `${GUARD}::${rule}`, reason: `${control}: ${reason}` });

/** Adds both checks to an app, with the Control Tower exceptions acknowledged throughout it. Call it once its stacks exist. */
export const addPolicyChecks = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new CfnGuardValidator({ controlTowerRulesEnabled: true }));
  for (const [rule, exception] of Object.entries(CONTROL_TOWER_EXCEPTIONS)) acknowledge(app, { rule, ...exception });
  for (const stack of app.node.findAll().filter(Stack.isStack))
    if (Token.isUnresolved(stack.account)) acknowledge(stack, ACCOUNT_UNKNOWN_AT_SYNTH);
};
