import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { addPolicyChecks, CONTROL_TOWER_EXCEPTIONS } from '../../lib/policy-checks.js';
import { templateApp } from '../../lib/project-app.js';
import { acknowledgedRules, policyReport, stackOf, synthesized } from '../support/cloud-assembly.js';

const synthWithChecks = (build: (app: App) => void) => {
  const app = templateApp({ outdir: mkdtempSync(path.join(tmpdir(), 'nag-')) });
  build(app);
  addPolicyChecks(app);
  return () => app.synth();
};

describe('the policy checks of every synth: cdk-nag AwsSolutions and the Control Tower proactive controls', () => {
  it.each(['dev', 'prod'])(
    'pass over the %s stack, every acknowledged finding with a reason',
    async (stage) => {
      // The stages as the pipeline deploys them, each to its account: the synth passed both checks, or it would have failed.
      const synth = await synthesized('pipeline');
      expect(synth.status, synth.output).toBe(0);
      expect(policyReport(synth.outdir).pluginReports.map((report) => report.conclusion)).not.toContain('failure');
      const stack = stackOf(synth.outdir, `ReferralApi-${stage}`);
      expect(stack.environment).toMatch(/^aws:\/\/\d{12}\//);
      const rules = acknowledgedRules(stack);
      expect([...new Set(rules.map((rule) => rule.id.replace(/^Annotation::/, '').replace(/\[.*$/, '')))].sort()).toEqual([
        'AwsSolutions-APIG2',
        'AwsSolutions-COG4',
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
        'AwsSolutions-SQS3',
      ]);
      // The Control Tower findings let through on the stage are the exceptions the app acknowledges, each with its reason.
      const letThrough = policyReport(synth.outdir).pluginReports.flatMap((report) =>
        (report.suppressedViolations ?? [])
          .filter((violation) => violation.violatingConstructs.some((construct) => construct.constructPath.startsWith(`${stack.path}/`)))
          .map((violation) => violation.ruleName),
      );
      expect(letThrough.length).toBeGreaterThan(0);
      for (const rule of letThrough) expect(Object.keys(CONTROL_TOWER_EXCEPTIONS)).toContain(rule);
      for (const { reason } of Object.values(CONTROL_TOWER_EXCEPTIONS)) expect(reason.length).toBeGreaterThan(40);
      for (const rule of rules) expect(rule.reason.length).toBeGreaterThan(40);
    },
    600_000,
  );

  it('acknowledge the SourceAccount control only on a stack synthesized without an account, where it is a reference', async () => {
    // The hand-run deploy, synthesized without credentials: no account.
    const synth = await synthesized('stage');
    expect(synth.status, synth.output).toBe(0);
    const stack = stackOf(synth.outdir, 'ReferralApi-prod');
    expect(stack.environment).toBe('aws://unknown-account/us-east-1');
    expect(acknowledgedRules(stack).map((rule) => rule.id)).toContain(
      'cdk-validator-cfnguard::lambda_function_public_access_prohibited_check',
    );
    // Every permission an AWS service uses names the account beside its source.
    const permissions = Object.values(stack.template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Permission');
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) expect(permission.Properties.SourceAccount).toEqual({ Ref: 'AWS::AccountId' });
  }, 600_000);

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
