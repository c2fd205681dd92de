// The deploy pipeline: every push to the branch is tested and synthesized, deployed to dev, smoke-tested there with a
// write, and after a manual approval deployed to prod and smoke-tested read-only. It updates itself first.
import { Duration, Stack, type StackProps, Stage, type StageProps, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { CodeBuildStep, CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep } from 'aws-cdk-lib/pipelines';
import { rules } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { JwtSettings } from '../functions/auth/jwt-settings.js';
import { limitGrantsToAwsServices } from './constructs/least-privilege.js';
import { ReferralApiStack, smokeTestRoleName } from './referral-api-stack.js';
import type { StatusIndexStep } from './tables.js';

export const PIPELINE_STACK = 'ReferralApi-Pipeline';

/** How long the artifact bucket keeps a run's artifacts: a failed stage can be retried for this long. */
const ARTIFACT_DAYS = 30;

/** The README's test command: the synth step runs it before synthesizing, and any failure stops the pipeline. */
export const TEST_COMMAND = 'npm test';

export type PipelineSettings = {
  /** owner/name of the repository, reached through the CodeStar connection. */
  repository: string;
  branch: string;
  connectionArn: string;
  /** Where each stage deploys; the pipeline's own account and region when not given. */
  dev?: { account?: string; region?: string };
  prod?: { account?: string; region?: string };
  adminJwt?: JwtSettings;
  alarmEmail?: string;
  /** A step of the tables' switch away from the by-status index, while one is under way (lib/tables.ts). */
  statusIndex?: StatusIndexStep;
  /** The review SLA in hours, which the stages' review SLA alarm watches. */
  reviewSlaHours?: number;
};

/**
 * The synth step's command. It takes no -c: every setting is committed in cdk.json's context, so the pipeline
 * rebuilds itself from the repository alone (lib/pipeline-settings.ts refuses a setting given any other way).
 */
export const SYNTH_COMMAND = 'npx cdk synth';

/** What the app says when it synthesizes a stage: how to get the pipeline instead. */
export const PIPELINE_HINT =
  "Deploy pipeline: set repository, branch and connectionArn (and the stages' settings) in cdk.json's context and commit them to synthesize ReferralApi-Pipeline";

/** One stage of the API, its stack named as a hand-run `cdk deploy` names it (ReferralApi-dev, ReferralApi-prod). */
export class ApiStage extends Stage {
  readonly api: ReferralApiStack;

  constructor(
    scope: Construct,
    id: string,
    props: StageProps & { stage: string; smokeTest: { account: string; writes: boolean } } & Pick<
        PipelineSettings,
        'adminJwt' | 'alarmEmail' | 'statusIndex' | 'reviewSlaHours'
      >,
  ) {
    super(scope, id, props);
    this.api = new ReferralApiStack(this, 'ReferralApi', {
      stackName: `ReferralApi-${props.stage}`,
      stage: props.stage,
      smokeTest: props.smokeTest,
      ...(props.adminJwt ? { adminJwt: props.adminJwt } : {}),
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
      ...(props.statusIndex ? { statusIndex: props.statusIndex } : {}),
      ...(props.reviewSlaHours ? { reviewSlaHours: props.reviewSlaHours } : {}),
    });
  }
}

/**
 * The build image: CodeBuild's standard 7.0 (Ubuntu 22.04) with Java 17 (corretto17) for DynamoDB
 * Local; Node 24 for the tests and the bundles comes from the `node@24` dev dependency, first on every npm script's PATH.
 */
const buildDefaults = (scope: Construct) => ({
  buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, computeType: codebuild.ComputeType.MEDIUM },
  partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { java: 'corretto17', nodejs: '22' } } } }),
  // Every build's log in one log group, kept a year (CT.CODEBUILD.PR.3, CT.CLOUDWATCH.PR.2).
  logging: { cloudWatch: { logGroup: new logs.LogGroup(scope, 'BuildLogs', { retention: logs.RetentionDays.ONE_YEAR }) } },
});

/**
 * The smoke test of a stage, as its own CodeBuild step: the stage's outputs in its environment, and a role allowed
 * nothing but to assume the stage's smoke test role (which holds the table permissions, on that stage's tables).
 */
const smokeStep = (scope: Stack, name: string, stage: ApiStage, writes: boolean): CodeBuildStep => {
  const outputs = stage.api.outputs;
  const role = `arn:${scope.partition}:iam::${stage.account ?? scope.account}:role/${smokeTestRoleName(stage.api.stage)}`;
  return new CodeBuildStep(name, {
    commands: ['npm ci', 'bash scripts/pipeline-smoke.sh'],
    env: {
      SMOKE_WRITE: writes ? '1' : '0',
      SMOKE_ROLE_ARN: role,
      ...(stage.region ? { AWS_REGION: stage.region, AWS_DEFAULT_REGION: stage.region } : {}),
    },
    envFromCfnOutputs: {
      API_URL: outputs.apiUrl,
      API_KEYS_TABLE: outputs.apiKeysTable,
      REFERRALS_TABLE: outputs.referralsTable,
      USAGE_TABLE: outputs.usageTable,
      // Dev proves alarm delivery too: it sets its check alarm and reads the alarm's history.
      ...(writes ? { SMOKE_ALARM_NAME: outputs.alarmDeliveryCheck } : {}),
    },
    rolePolicyStatements: [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [role] })],
  });
};

export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly dev: ApiStage;
  readonly prod: ApiStage;

  constructor(scope: Construct, id: string, props: StackProps & { settings: PipelineSettings }) {
    super(scope, id, props);
    const { settings } = props;
    const pipelineAccount = this.account;

    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'referral-api',
      selfMutation: true,
      // The artifacts, and every CodeBuild project's output, encrypted with the pipeline's own rotating KMS key, which
      // the stage accounts may use: needed across accounts, and kept in one account too.
      crossAccountKeys: true,
      enableKeyRotation: true,
      // One CodeBuild project publishes every asset, instead of one project per asset.
      publishAssetsInParallel: false,
      codeBuildDefaults: buildDefaults(this),
      synth: new ShellStep('Synth', {
        input: CodePipelineSource.connection(settings.repository, settings.branch, { connectionArn: settings.connectionArn }),
        commands: ['npm ci', TEST_COMMAND, SYNTH_COMMAND],
      }),
    });

    const stage = (name: 'dev' | 'prod', writes: boolean) =>
      new ApiStage(this, name === 'dev' ? 'Dev' : 'Prod', {
        stage: name,
        env: { account: settings[name]?.account ?? props.env?.account, region: settings[name]?.region ?? props.env?.region },
        smokeTest: { account: pipelineAccount, writes },
        ...(settings.adminJwt ? { adminJwt: settings.adminJwt } : {}),
        ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
        ...(settings.statusIndex ? { statusIndex: settings.statusIndex } : {}),
        ...(settings.reviewSlaHours ? { reviewSlaHours: settings.reviewSlaHours } : {}),
      });
    this.dev = stage('dev', true);
    this.prod = stage('prod', false);
    this.pipeline.addStage(this.dev, { post: [smokeStep(this, 'SmokeDev', this.dev, true)] });
    this.pipeline.addStage(this.prod, {
      pre: [new ManualApprovalStep('PromoteToProd', { comment: 'Dev is deployed and its smoke test passed: deploy to prod?' })],
      post: [smokeStep(this, 'SmokeProd', this.prod, false)],
    });
    this.pipeline.buildPipeline();
    this.keepArtifactsTidy();
    this.acknowledgeReviewedFindings();
  }

  /**
   * The artifact bucket CDK Pipelines creates: versioned, its old versions and old artifacts expired (CT.S3.PR.11,
   * CT.S3.PR.6), and its key's grants limited to AWS services (CT.KMS.PR.3). A run needs only its own artifacts.
   */
  private keepArtifactsTidy(): void {
    const bucket = this.pipeline.pipeline.artifactBucket as s3.Bucket;
    (bucket.node.defaultChild as s3.CfnBucket).versioningConfiguration = { status: 'Enabled' };
    bucket.addLifecycleRule({
      id: 'ExpireOldArtifacts',
      expiration: Duration.days(ARTIFACT_DAYS),
      noncurrentVersionExpiration: Duration.days(1),
      abortIncompleteMultipartUploadAfter: Duration.days(1),
    });
    limitGrantsToAwsServices(bucket.encryptionKey as kms.Key);
  }

  /**
   * cdk-nag (AwsSolutions) findings on what CDK Pipelines generates, reviewed and accepted, each with its reason.
   * The wildcard findings are acknowledged policy by policy, each as cdk-nag's own rule names it, so that a wildcard
   * added later is a new finding.
   */
  private acknowledgeReviewedFindings(): void {
    const wildcards =
      "CDK Pipelines' generated roles: object access on the pipeline's own artifact bucket (s3:GetObject*, s3:List*, " +
      's3:DeleteObject* on its objects), data-key use of its own artifact key (kms:GenerateDataKey*, kms:ReEncrypt*), ' +
      "each CodeBuild project's own log groups and report groups (named after the project, with a suffix CodeBuild " +
      'adds), and the self-mutation and asset roles assuming the CDK bootstrap roles (role/* as the bootstrap names ' +
      "them) and reading stack states (cloudformation:DescribeStacks accepts no resource). The smoke steps' own " +
      'statement names one role.';
    for (const node of this.pipeline.node.findAll()) {
      if (!(node instanceof iam.CfnPolicy)) continue;
      const findings = rules.iam.IAMNoWildcardPermissions(node);
      if (!Array.isArray(findings)) continue;
      for (const finding of findings) Validations.of(node).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason: wildcards });
    }
    Validations.of(this.pipeline).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "The artifact bucket holds only the pipeline's build artifacts, rebuilt from the repository on every run, written " +
        'and read by CodePipeline and CodeBuild under their roles. Without server access logs, its object reads and writes ' +
        'are recorded only by a trail set to log S3 data events (CloudTrail does not by default); see CT.S3.PR.2 in ' +
        'lib/policy-checks.ts.',
    });
  }
}
