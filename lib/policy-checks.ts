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
  // CloudTrail records S3 data events (object reads and writes) only on a trail set to: "By default, trails and event
  // data stores do not log data events."
  // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html
  // A log bucket of its own would not meet CT.S3.PR.2 either ("your target bucket should not have server access
  // logging enabled"), nor ever CT.S3.PR.9: "S3 buckets with Object Lock can't be used as destination buckets for
  // server access logs" (the logging guide itself names only a default retention period as forbidden).
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
  s3_bucket_logging_enabled_check: {
    control: 'CT.S3.PR.2',
    reason:
      "The pipeline's artifact bucket has no server access logs, so reads and writes of its objects are not recorded: " +
      "CloudTrail logs the bucket's management events, but not its data events unless a trail is set to, which this " +
      'application does not do. What it holds is rebuilt from the repository on every run, and only CodePipeline and ' +
      'CodeBuild reach it, under their roles. A log bucket of its own would break this control itself and never meet ' +
      'CT.S3.PR.9; where object access must be audited, a trail with S3 data events on this bucket records it.',
  },
  s3_event_notifications_enabled_check: {
    control: 'CT.S3.PR.4',
    reason: "Nothing reacts to the pipeline's artifacts: CodePipeline hands them from action to action itself.",
  },
  // The control asks only for ObjectLockEnabled; a retention period or legal hold is set separately, if at all. The
  // cost is that "after you enable Object Lock on a bucket, you can't disable Object Lock or suspend versioning".
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html
  s3_bucket_object_lock_enabled_check: {
    control: 'CT.S3.PR.9',
    reason:
      'Object Lock alone (ObjectLockEnabled, no default retention) would lock nothing, and it can never be turned off ' +
      'again, nor versioning suspended. From then on, a retention or legal hold set on an artifact would keep it from ' +
      "the lifecycle rule that expires old artifacts; the pipeline's artifacts are rebuilt from the repository " +
      'on every run, so nothing in the bucket needs write-once protection.',
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
