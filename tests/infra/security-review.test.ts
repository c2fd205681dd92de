import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { templateApp } from '../../lib/project-app.js';
import { ReferralApiStack } from '../../lib/referral-api-stack.js';

const synthWithNag = (build: (app: App) => void) => {
  const app = templateApp({ outdir: mkdtempSync(path.join(tmpdir(), 'nag-')) });
  build(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return () => app.synth();
};

describe('cdk-nag AwsSolutions checks', () => {
  it.each(['dev', 'prod'])(
    'pass over the %s stack, every acknowledged finding with a reason',
    (stage) => {
      let stack: ReferralApiStack | undefined;
      const synth = synthWithNag((app) => {
        stack = new ReferralApiStack(app, `Nag-${stage}`, { stage });
      });
      expect(synth).not.toThrow();
      const acknowledged = stack!.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
      const rules = acknowledged.flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
      );
      expect([...new Set(rules.map((rule) => rule.id.replace(/^Annotation::/, '').replace(/\[.*$/, '')))].sort()).toEqual([
        'AwsSolutions-APIG2',
        'AwsSolutions-COG4',
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
        'AwsSolutions-SQS3',
      ]);
      for (const rule of rules) expect(rule.reason.length).toBeGreaterThan(40);
    },
    120_000,
  );

  it('fail a stack with an unreviewed finding', () => {
    const synth = synthWithNag((app) => {
      const stack = new Stack(app, 'Bare');
      new dynamodb.Table(stack, 'NoRecovery', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    });
    expect(synth).toThrow(/DynamoDB table does not have Point-in-time Recovery|AwsSolutions-DDB3/);
  });
});
