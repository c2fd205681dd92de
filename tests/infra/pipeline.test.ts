// The deploy pipeline as synthesized: its stages in order, the synth step's tests, the smoke steps' commands and
// least-privilege roles, the artifact bucket, cdk-nag, and bin/app.ts run as the README shows it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_HINT, PIPELINE_STACK, type PipelineSettings, PipelineStack } from '../../lib/pipeline-stack.js';
import { addPolicyChecks } from '../../lib/policy-checks.js';
import { templateApp } from '../../lib/project-app.js';

const root = path.resolve(import.meta.dirname, '../..');
const CONNECTION = 'arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d';
const settings: PipelineSettings = {
  repository: 'acme/referral-api',
  branch: 'main',
  connectionArn: CONNECTION,
  dev: { account: '222222222222', region: 'eu-west-1' },
  prod: { account: '333333333333', region: 'eu-west-1' },
};

const build = (withNag = false) => {
  const app = templateApp({ outdir: mkdtempSync(path.join(tmpdir(), 'pipeline-')) });
  const stack = new PipelineStack(app, PIPELINE_STACK, { env: { account: '111111111111', region: 'eu-west-1' }, settings });
  if (withNag) addPolicyChecks(app);
  return { app, stack };
};

let stack: PipelineStack;
let template: Template;
beforeAll(() => {
  ({ stack } = build());
  template = Template.fromStack(stack);
}, 120_000);

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

    const roleOf = (api: typeof stack.dev.api) => {
      const stageTemplate = Template.fromStack(api);
      const role = Object.values(stageTemplate.findResources('AWS::IAM::Role')).find(
        (candidate: any) => candidate.Properties.RoleName === `referral-api-smoke-${api.stage}`,
      ) as any;
      const logicalId = Object.entries(stageTemplate.findResources('AWS::IAM::Role')).find(([, value]) => value === role)?.[0];
      const statements = Object.values(stageTemplate.findResources('AWS::IAM::Policy'))
        .filter((policy: any) => JSON.stringify(policy.Properties.Roles).includes(String(logicalId)))
        .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
      return { role, statements };
    };
    const dev = roleOf(stack.dev.api);
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
    const prod = roleOf(stack.prod.api);
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
    const { app, stack: checked } = build(true);
    expect(() => app.synth()).not.toThrow();
    const reasons = checked.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.values(entry.data as Record<string, string>));
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(40);
  }, 120_000);
});

describe('bin/app.ts, run as the README shows it', () => {
  const cdk = (cwd: string, args: string[]) => {
    const result = spawnSync('npx', args, { cwd, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
    return { result, output: `${result.stdout}${result.stderr}` };
  };
  const synth = (cwd: string, args: string[] = []) => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'app-'));
    return { ...cdk(cwd, ['cdk', 'synth', '--quiet', '-o', outdir, ...args]), outdir };
  };

  /** A clone of the project whose committed cdk.json holds these settings (the code itself is linked, not copied). */
  const cloneWith = (settings: Record<string, string>) => {
    const clone = mkdtempSync(path.join(tmpdir(), 'clone-'));
    for (const entry of ['bin', 'lib', 'functions', 'node_modules', 'package.json', 'package-lock.json', 'tsconfig.json'])
      symlinkSync(path.join(root, entry), path.join(clone, entry));
    const cdkJson = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8'));
    writeFileSync(path.join(clone, 'cdk.json'), JSON.stringify({ ...cdkJson, context: { ...cdkJson.context, ...settings } }));
    return clone;
  };
  const COMMITTED = {
    repository: 'acme/referral-api',
    branch: 'main',
    connectionArn: CONNECTION,
    region: 'eu-west-1',
    devAccount: '222222222222',
    prodAccount: '333333333333',
    alarmEmail: 'oncall@example.com',
    adminJwtJwksUrl: 'https://console.example.com/.well-known/jwks.json',
    adminJwtIssuer: 'https://console.example.com',
    adminJwtAudience: 'referrals-admin',
  };

  /** What a pipeline deploys, read from its cloud assembly: each stage's stack, account and region, alarm e-mail and JWT settings. */
  const deployedBy = (outdir: string) => {
    const template = JSON.parse(readFileSync(path.join(outdir, `${PIPELINE_STACK}.template.json`), 'utf8'));
    const synthProject = Object.values(template.Resources as Record<string, any>).find(
      (resource) => resource.Type === 'AWS::CodeBuild::Project' && resource.Properties.Source.BuildSpec?.includes('cdk synth'),
    );
    const synthCommand = (JSON.parse(synthProject.Properties.Source.BuildSpec).phases.build.commands as string[]).at(-1) as string;
    const stages = ['Dev', 'Prod'].map((name) => {
      const assembly = path.join(outdir, `assembly-${PIPELINE_STACK}-${name}`);
      const manifest = JSON.parse(readFileSync(path.join(assembly, 'manifest.json'), 'utf8'));
      const [, stack] = Object.entries(manifest.artifacts as Record<string, any>).find(
        ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
      ) as [string, any];
      const resources = Object.values(
        JSON.parse(readFileSync(path.join(assembly, stack.properties.templateFile), 'utf8')).Resources as Record<string, any>,
      );
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
        stack: stack.properties.stackName,
        environment: stack.environment,
        subscriptions: resources
          .filter((resource) => resource.Type === 'AWS::SNS::Subscription')
          .map((resource) => resource.Properties.Endpoint),
        jwt,
      };
    });
    return { synthCommand, stages };
  };

  it("rebuilds the pipeline from the repository alone: its synth step's own command gives the same stages, accounts, e-mail and JWT settings", () => {
    const clone = cloneWith(COMMITTED);
    const first = synth(clone, [PIPELINE_STACK]);
    try {
      expect(first.result.status, first.output).toBe(0);
      expect(first.output).not.toContain(PIPELINE_HINT);
      const deployed = deployedBy(first.outdir);
      const jwt = {
        ADMIN_JWT_JWKS_URL: COMMITTED.adminJwtJwksUrl,
        ADMIN_JWT_ISSUER: COMMITTED.adminJwtIssuer,
        ADMIN_JWT_AUDIENCE: COMMITTED.adminJwtAudience,
      };
      expect(deployed).toEqual({
        synthCommand: 'npx cdk synth',
        stages: [
          { stack: 'ReferralApi-dev', environment: 'aws://222222222222/eu-west-1', subscriptions: ['oncall@example.com'], jwt: [jwt] },
          { stack: 'ReferralApi-prod', environment: 'aws://333333333333/eu-west-1', subscriptions: ['oncall@example.com'], jwt: [jwt] },
        ],
      });

      // What CodeBuild runs in a checkout of the branch, after the pipeline's first self-update and on every push.
      const [command, ...args] = deployed.synthCommand.split(' ') as [string, ...string[]];
      expect(command).toBe('npx');
      const again = cdk(clone, [...args, '--quiet', '-o', path.join(first.outdir, 'again')]);
      expect(again.result.status, again.output).toBe(0);
      expect(deployedBy(path.join(first.outdir, 'again'))).toEqual(deployed);
    } finally {
      rmSync(first.outdir, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses a pipeline setting given only for one command, and says where it belongs', () => {
    const clone = cloneWith(COMMITTED);
    const outdirs: string[] = [];
    try {
      for (const [args, said] of [
        [['-c', 'devAccount=444444444444'], /devAccount .*set "devAccount": "444444444444" in cdk\.json's "context", commit it/],
        [['-c', 'alarmEmail='], /alarmEmail .*set "alarmEmail": "" in cdk\.json's "context"/],
      ] as const) {
        const run = synth(clone, [PIPELINE_STACK, ...args]);
        outdirs.push(run.outdir);
        expect(run.result.status, run.output).not.toBe(0);
        expect(run.output).toMatch(said);
      }
      // The same values given the old way, with nothing committed: the first self-update would lose every one.
      const bare = cloneWith({});
      const old = synth(bare, [
        PIPELINE_STACK,
        '-c',
        'repository=acme/referral-api',
        '-c',
        'branch=main',
        '-c',
        `connectionArn=${CONNECTION}`,
      ]);
      outdirs.push(old.outdir);
      rmSync(bare, { recursive: true, force: true });
      expect(old.result.status).not.toBe(0);
      expect(old.output).toMatch(/repository .*cdk\.json's "context"/);
    } finally {
      for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
      rmSync(clone, { recursive: true, force: true });
    }
  }, 240_000);

  it('synthesizes the stage as before without them, and says in one line what a pipeline needs', () => {
    const { result, outdir, output } = synth(root, ['--exclusively', 'ReferralApi-dev']);
    try {
      expect(result.status, output).toBe(0);
      expect(existsSync(path.join(outdir, 'ReferralApi-dev.template.json'))).toBe(true);
      expect(existsSync(path.join(outdir, `${PIPELINE_STACK}.template.json`))).toBe(false);
      expect(output.split('\n').filter((line) => line.includes('Deploy pipeline'))).toEqual([PIPELINE_HINT]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 240_000);
});
