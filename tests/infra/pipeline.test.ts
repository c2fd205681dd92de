// The deploy pipeline as synthesized: its stages in order, the synth step's tests, the smoke steps' commands and
// least-privilege roles, the artifact bucket, cdk-nag, and bin/app.ts run as the README shows it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_HINT, PIPELINE_STACK, SYNTH_COMMAND } from '../../lib/pipeline-stack.js';
import { COMMITTED, CONNECTION, cloneWith, PROJECT_ROOT as root, runCommand } from '../support/cdk-runs.js';
import { acknowledgedRules, policyReport, type SynthRun, stackOf, stacksOf, synthesized } from '../support/cloud-assembly.js';

// The pipeline as its own synth step builds it from a clone holding the committed cdk.json (tests/support/cdk-runs.ts).
let synth: SynthRun;
let template: Template;
beforeAll(async () => {
  synth = await synthesized('pipeline');
  expect(synth.status, synth.output).toBe(0);
  template = Template.fromJSON(stackOf(synth.outdir, PIPELINE_STACK).template);
}, 600_000);

const pipelineStages = () => {
  const pipeline = Object.values(template.findResources('AWS::CodePipeline::Pipeline'))[0] as any;
  return pipeline.Properties.Stages as { Name: string; Actions: any[] }[];
};

/** The buildspec of the CodeBuild project behind a pipeline action. */
const buildSpecOf = (actionName: string) => {
  const action = pipelineStages()
    .flatMap((stage) => stage.Actions)
    .find((candidate) => candidate.Name === actionName);
  const project = template.findResources('AWS::CodeBuild::Project')[action.Configuration.ProjectName.Ref] as any;
  return { action, project, spec: JSON.parse(project.Properties.Source.BuildSpec) };
};

describe('the deploy pipeline', () => {
  it('runs source, synth, self-update, assets, dev with its smoke test, then an approval before prod and its smoke test', () => {
    const stages = pipelineStages();
    expect(stages.map((stage) => stage.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Assets', 'Dev', 'Prod']);
    const actions = (name: string) =>
      (stages.find((stage) => stage.Name === name)?.Actions ?? [])
        .sort((a, b) => a.RunOrder - b.RunOrder)
        .map((action) => `${action.Name}:${action.ActionTypeId.Category}`);
    expect(actions('Source')).toEqual(['acme_referral-api:Source']);
    expect(actions('Dev')).toEqual(['ReferralApi-dev.Prepare:Deploy', 'ReferralApi-dev.Deploy:Deploy', 'SmokeDev:Build']);
    expect(actions('Prod')).toEqual([
      'PromoteToProd:Approval',
      'ReferralApi-prod.Prepare:Deploy',
      'ReferralApi-prod.Deploy:Deploy',
      'SmokeProd:Build',
    ]);
    const source = stages[0]?.Actions[0];
    expect(source.Configuration).toMatchObject({ ConnectionArn: CONNECTION, FullRepositoryId: 'acme/referral-api', BranchName: 'main' });
  });

  it('tests before it synthesizes, with Java 17 for DynamoDB Local, and fails on any test failure', () => {
    const { spec } = buildSpecOf('Synth');
    expect(spec.phases.install['runtime-versions']).toEqual({ java: 'corretto17', nodejs: '22' });
    expect(spec.phases.build.commands).toEqual(['npm ci', 'npm test', 'npx cdk synth']);
    // The README's test command is the one the synth step runs.
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/^npm test +#/m);
  });

  it('smoke-tests dev with a write and prod read-only, from the stage outputs, through the script that revokes its key', () => {
    for (const [name, write] of [
      ['SmokeDev', '1'],
      ['SmokeProd', '0'],
    ] as const) {
      const { action, project, spec } = buildSpecOf(name);
      expect(spec.phases.build.commands).toEqual(['npm ci', 'bash scripts/pipeline-smoke.sh']);
      const variables = JSON.parse(action.Configuration.EnvironmentVariables) as { name: string; value: string }[];
      expect(Object.fromEntries(variables.map((variable) => [variable.name, variable.value]))).toMatchObject({
        API_URL: expect.stringMatching(/^#\{.*\.ApiUrl\}$/),
        API_KEYS_TABLE: expect.stringMatching(/^#\{.*\.ApiKeysTableName\}$/),
        REFERRALS_TABLE: expect.stringMatching(/^#\{.*\.ReferralsTableName\}$/),
        USAGE_TABLE: expect.stringMatching(/^#\{.*\.UsageTableName\}$/),
      });
      const env = Object.fromEntries(
        (project.Properties.Environment.EnvironmentVariables as { Name: string; Value: string }[]).map((e) => [e.Name, e.Value]),
      );
      expect(env.SMOKE_WRITE).toBe(write);
      // Dev proves alarm delivery with its check alarm; prod does not set alarms.
      expect(Object.fromEntries(variables.map((variable) => [variable.name, variable.value])).SMOKE_ALARM_NAME).toEqual(
        write === '1' ? expect.stringMatching(/^#\{.*\.AlarmDeliveryCheckName\}$/) : undefined,
      );
    }
    const script = readFileSync(path.join(root, 'scripts/pipeline-smoke.sh'), 'utf8');
    // The key is revoked however the step ends, and reaches the smoke test through a file, never an argument.
    expect(script).toMatch(/trap revoke EXIT/);
    // The key's id is chosen before the key exists, so the trap can revoke it whatever fails after the write.
    expect(script.indexOf('key_id="key_')).toBeLessThan(script.indexOf('keys -- create'));
    expect(script).toMatch(/--key-id "\$key_id"/);
    expect(script).toMatch(/--key-file "\$key_file"/);
    expect(script).not.toMatch(/--key "/);
    expect(script).not.toMatch(/set -x/);
  });

  it("allows each smoke step only to assume its stage's smoke role, which holds exactly the table actions the commands use", () => {
    const assumes = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy: any) =>
      (policy.Properties.PolicyDocument.Statement as any[]).filter((statement) => statement.Action === 'sts:AssumeRole'),
    );
    const smokeRoles = assumes
      .map((statement) => JSON.stringify(statement.Resource))
      .filter((resource) => resource.includes('referral-api-smoke'));
    expect(smokeRoles.sort()).toEqual([
      JSON.stringify('arn:aws:iam::222222222222:role/referral-api-smoke-dev'),
      JSON.stringify('arn:aws:iam::333333333333:role/referral-api-smoke-prod'),
    ]);
    // Nothing in the pipeline's account touches a table.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/dynamodb:/);

    const roleOf = (stage: 'dev' | 'prod') => {
      const stageTemplate = Template.fromJSON(stackOf(synth.outdir, `ReferralApi-${stage}`).template);
      const role = Object.values(stageTemplate.findResources('AWS::IAM::Role')).find(
        (candidate: any) => candidate.Properties.RoleName === `referral-api-smoke-${stage}`,
      ) as any;
      const logicalId = Object.entries(stageTemplate.findResources('AWS::IAM::Role')).find(([, value]) => value === role)?.[0];
      const statements = Object.values(stageTemplate.findResources('AWS::IAM::Policy'))
        .filter((policy: any) => JSON.stringify(policy.Properties.Roles).includes(String(logicalId)))
        .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
      return { role, statements };
    };
    const dev = roleOf('dev');
    expect(JSON.stringify(dev.role.Properties.AssumeRolePolicyDocument.Statement[0].Principal)).toContain(':iam::111111111111:root');
    /** Each statement as "actions on resource", the resource named by its table (and index). */
    const described = (statements: any[]) =>
      statements
        .map((statement) => {
          const resource = JSON.stringify(statement.Resource);
          const table = /(ApiKeys|Referrals|Usage)Table|AlarmDeliveryCheckAlarm/.exec(resource)?.[0];
          return `${[statement.Action].flat().join(',')} on ${table}${resource.includes('/index/by-key-id') ? '/index/by-key-id' : ''}`;
        })
        .sort();
    expect(described(dev.statements)).toEqual([
      'cloudwatch:DescribeAlarmHistory,cloudwatch:SetAlarmState on AlarmDeliveryCheckAlarm',
      'dynamodb:DeleteItem,dynamodb:PutItem,dynamodb:Query on ReferralsTable',
      'dynamodb:PutItem,dynamodb:UpdateItem on ApiKeysTable',
      'dynamodb:Query on ApiKeysTable/index/by-key-id',
      'dynamodb:Query,dynamodb:UpdateItem on UsageTable',
    ]);
    const prod = roleOf('prod');
    expect(described(prod.statements)).toEqual([
      'dynamodb:PutItem,dynamodb:UpdateItem on ApiKeysTable',
      'dynamodb:Query on ApiKeysTable/index/by-key-id',
    ]);
  });

  it('keeps its artifacts encrypted with its own rotating key, in a bucket that blocks public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    // No secret in the template: no key, no token.
    expect(JSON.stringify(template.toJSON())).not.toMatch(/ck_[A-Za-z0-9]{8}|eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it('passes cdk-nag and the Control Tower controls, every acknowledged finding with a reason', () => {
    // bin/app.ts runs both checks on every synth; a finding neither fixed nor acknowledged would have failed it.
    expect(policyReport(synth.outdir).pluginReports.map((report) => report.conclusion)).not.toContain('failure');
    const reasons = acknowledgedRules(stackOf(synth.outdir, PIPELINE_STACK)).map((rule) => rule.reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
  });
});

describe('bin/app.ts, run as the README shows it', () => {
  // The clones and output directories made here, removed once the tests are done.
  const made: string[] = [];
  afterAll(() => {
    for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  const clone = (settings: Record<string, string>) => {
    made.push(cloneWith(settings));
    return made.at(-1) as string;
  };
  /** `cdk synth` in a clone, into a directory of its own. */
  const cdkSynth = (cwd: string, args: string[]) => {
    made.push(mkdtempSync(path.join(tmpdir(), 'app-')));
    return runCommand(cwd, ['npx', 'cdk', 'synth', '--quiet', '-o', made.at(-1) as string, ...args]);
  };

  /** What a pipeline deploys, read from its cloud assembly: each stage's stack, account and region, alarm e-mail and JWT settings. */
  const deployedBy = (outdir: string) => {
    const pipeline = stackOf(outdir, PIPELINE_STACK).template.Resources;
    const synthProject = Object.values(pipeline).find(
      (resource) => resource.Type === 'AWS::CodeBuild::Project' && resource.Properties.Source.BuildSpec?.includes('cdk synth'),
    );
    const synthCommand = (JSON.parse(synthProject.Properties.Source.BuildSpec).phases.build.commands as string[]).at(-1) as string;
    const stages = ['Dev', 'Prod'].map((name) => {
      const [stack, ...others] = Object.values(stacksOf(path.join(outdir, `assembly-${PIPELINE_STACK}-${name}`)));
      expect(others).toEqual([]);
      const resources = Object.values(stack?.template.Resources ?? {});
      const jwt = resources
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .map((resource) => resource.Properties.Environment?.Variables ?? {})
        .filter((variables) => variables.ADMIN_JWT_ISSUER)
        .map(({ ADMIN_JWT_JWKS_URL, ADMIN_JWT_ISSUER, ADMIN_JWT_AUDIENCE }) => ({
          ADMIN_JWT_JWKS_URL,
          ADMIN_JWT_ISSUER,
          ADMIN_JWT_AUDIENCE,
        }));
      return {
        stack: stack?.stackName,
        environment: stack?.environment,
        subscriptions: resources
          .filter((resource) => resource.Type === 'AWS::SNS::Subscription')
          .map((resource) => resource.Properties.Endpoint),
        jwt,
      };
    });
    return { synthCommand, stages };
  };

  it("rebuilds the pipeline from the repository alone: its synth step's own command gives the committed stages, accounts, e-mail and JWT settings", () => {
    // The assembly was built by the synth step's own command, typed as the pipeline types it, in a clone holding only
    // the committed files. The first deploy (`npx cdk deploy ReferralApi-Pipeline`) runs the same app on the same
    // committed context (a setting given any other way is refused, below), so it builds this same pipeline.
    expect(synth.command).toBe(`${SYNTH_COMMAND} --quiet -o ${synth.outdir}`);
    expect(synth.output).not.toContain(PIPELINE_HINT);
    const jwt = {
      ADMIN_JWT_JWKS_URL: COMMITTED.adminJwtJwksUrl,
      ADMIN_JWT_ISSUER: COMMITTED.adminJwtIssuer,
      ADMIN_JWT_AUDIENCE: COMMITTED.adminJwtAudience,
    };
    expect(deployedBy(synth.outdir)).toEqual({
      synthCommand: SYNTH_COMMAND,
      stages: [
        { stack: 'ReferralApi-dev', environment: 'aws://222222222222/eu-west-1', subscriptions: ['oncall@example.com'], jwt: [jwt] },
        { stack: 'ReferralApi-prod', environment: 'aws://333333333333/eu-west-1', subscriptions: ['oncall@example.com'], jwt: [jwt] },
      ],
    });
    expect(SYNTH_COMMAND).toBe('npx cdk synth');
  });

  it('refuses a pipeline setting given only for one command, and says where it belongs', async () => {
    // Each is refused before anything is built: the three run side by side.
    const runs = await Promise.all([
      cdkSynth(clone(COMMITTED), [PIPELINE_STACK, '-c', 'devAccount=444444444444']),
      cdkSynth(clone(COMMITTED), [PIPELINE_STACK, '-c', 'alarmEmail=']),
      // The same values given the old way, with nothing committed: the first self-update would lose every one.
      cdkSynth(clone({}), [PIPELINE_STACK, '-c', 'repository=acme/referral-api', '-c', 'branch=main', '-c', `connectionArn=${CONNECTION}`]),
    ]);
    const said = [
      /devAccount .*set "devAccount": "444444444444" in cdk\.json's "context", commit it/,
      /alarmEmail .*set "alarmEmail": "" in cdk\.json's "context"/,
      /repository .*cdk\.json's "context"/,
    ];
    runs.forEach((run, index) => {
      expect(run.status, run.output).not.toBe(0);
      expect(run.output).toMatch(said[index] as RegExp);
    });
  }, 120_000);

  it('synthesizes the stage as before without them, and says in one line what a pipeline needs', async () => {
    // `cdk ls` on the committed cdk.json (tests/support/cdk-runs.ts): the app synthesized, its stacks listed.
    const listed = await synthesized('listed');
    expect(listed.status, listed.output).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual(['ReferralApi-dev']);
    expect(existsSync(path.join(listed.outdir, 'ReferralApi-dev.template.json'))).toBe(true);
    expect(existsSync(path.join(listed.outdir, `${PIPELINE_STACK}.template.json`))).toBe(false);
    expect(listed.output.split('\n').filter((line) => line.includes('Deploy pipeline'))).toEqual([PIPELINE_HINT]);
  }, 600_000);
});
