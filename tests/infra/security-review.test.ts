import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addPolicyChecks, CONTROL_TOWER_EXCEPTIONS } from '../../lib/policy-checks.js';
import { templateApp } from '../../lib/project-app.js';
import { ReferralApiStack } from '../../lib/referral-api-stack.js';

const synthWithChecks = (build: (app: App) => void) => {
  const app = templateApp({ outdir: mkdtempSync(path.join(tmpdir(), 'nag-')) });
  build(app);
  addPolicyChecks(app);
  return () => app.synth();
};

/** Every acknowledged rule under a construct: its id and its reason. */
const acknowledgedUnder = (scope: IConstruct) =>
  [scope, ...scope.node.scopes]
    .filter((construct, index, all) => all.indexOf(construct) === index)
    .flatMap((construct) => [construct, ...construct.node.findAll()])
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));

describe('the policy checks of every synth: cdk-nag AwsSolutions and the Control Tower proactive controls', () => {
  it.each(['dev', 'prod'])(
    'pass over the %s stack, every acknowledged finding with a reason',
    (stage) => {
      let stack: ReferralApiStack | undefined;
      const synth = synthWithChecks((app) => {
        stack = new ReferralApiStack(app, `Nag-${stage}`, { stage, env: { account: '222222222222', region: 'eu-west-1' } });
      });
      expect(synth).not.toThrow();
      const rules = acknowledgedUnder(stack!);
      expect([...new Set(rules.map((rule) => rule.id.replace(/^Annotation::/, '').replace(/\[.*$/, '')))].sort()).toEqual(
        [
          'AwsSolutions-APIG2',
          'AwsSolutions-COG4',
          'AwsSolutions-IAM4',
          'AwsSolutions-IAM5',
          'AwsSolutions-SQS3',
          ...Object.keys(CONTROL_TOWER_EXCEPTIONS).map((rule) => `cdk-validator-cfnguard::${rule}`),
        ].sort(),
      );
      for (const rule of rules) expect(rule.reason.length).toBeGreaterThan(40);
    },
    120_000,
  );

  it('acknowledge the SourceAccount control only on a stack synthesized without an account, where it is a reference', () => {
    let stack: ReferralApiStack | undefined;
    const synth = synthWithChecks((app) => {
      stack = new ReferralApiStack(app, 'NoAccount', { stage: 'dev' });
    });
    expect(synth).not.toThrow();
    expect(acknowledgedUnder(stack!).map((rule) => rule.id)).toContain(
      'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
    );
    // Every permission an AWS service uses names the account beside its source.
    const permissions = Object.values(Template.fromStack(stack!).findResources('AWS::Lambda::Permission')) as any[];
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) expect(permission.Properties.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
  }, 120_000);

  it('fail a stack with an unreviewed cdk-nag finding', () => {
    const synth = synthWithChecks((app) => {
      const stack = new Stack(app, 'Bare');
      new dynamodb.Table(stack, 'NoRecovery', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    });
    expect(synth).toThrow(/DynamoDB table does not have Point-in-time Recovery|AwsSolutions-DDB3/);
  });

  it('fail a stack that breaks a Control Tower control', () => {
    const synth = synthWithChecks((app) => {
      const stack = new Stack(app, 'Unversioned', { env: { account: '222222222222', region: 'eu-west-1' } });
      new sqs.Queue(stack, 'NoDeadLetters', { enforceSSL: true });
    });
    expect(synth).toThrow(/CT\.SQS\.PR\.1/);
  });
});
