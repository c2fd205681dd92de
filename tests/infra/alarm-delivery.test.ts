// The alarms reach someone: the README's own deploy command, run by the CDK CLI through bin/app.ts, read off the template it writes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK } from '../../lib/constructs/operations.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Principal?: any; Action: string | string[]; Resource?: unknown; Condition?: unknown };

const root = path.resolve(import.meta.dirname, '../..');
const outdir = mkdtempSync(path.join(tmpdir(), 'cdk-out-'));

/** `npx cdk synth` with the context the README's `cdk deploy` line gives, as a user runs it. */
const synthWithCli = (stage: string, context: string[]): Record<string, Resource> => {
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/cdk'),
    ['synth', `ReferralApi-${stage}`, '-c', `stage=${stage}`, ...context.flatMap((value) => ['-c', value]), '--quiet', '-o', outdir],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
  );
  if (result.status !== 0) throw new Error(`cdk synth failed: ${result.stderr}`);
  return JSON.parse(readFileSync(path.join(outdir, `ReferralApi-${stage}.template.json`), 'utf8')).Resources;
};

const actionsOf = (statement: Statement) => [statement.Action].flat();
const allowsService = (statement: Statement, service: string) =>
  statement.Effect === 'Allow' && [statement.Principal?.Service].flat().includes(service);

describe('alarm delivery, from `cdk deploy -c stage=prod -c alarmEmail=…`', () => {
  let resources: Record<string, Resource>;
  beforeAll(() => {
    resources = synthWithCli('prod', ['alarmEmail=oncall@example.com']);
  }, 180_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  it('subscribes the alarm e-mail that bin/app.ts reads from the context', () => {
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, resource]) => resource.Properties);
    expect(subscriptions).toEqual([expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@example.com' })]);
  });

  it('points every alarm at a topic CloudWatch may publish to, encrypted with a key CloudWatch may use', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const [name, alarm] of alarms) {
      const actions = alarm.Properties.AlarmActions as { Ref: string }[];
      expect(actions, name).toHaveLength(1);
      for (const action of actions) {
        const topic = resources[action.Ref];
        expect(topic?.Type, name).toBe('AWS::SNS::Topic');

        // The AWS managed key alias/aws/sns cannot be used by CloudWatch: the key must be one of this stack's.
        const keyRef = topic?.Properties.KmsMasterKeyId?.['Fn::GetAtt']?.[0];
        const key = resources[keyRef];
        expect(key?.Type, name).toBe('AWS::KMS::Key');
        const keyStatements: Statement[] = key?.Properties.KeyPolicy?.Statement ?? [];
        const keyGrant = keyStatements.find((statement) => allowsService(statement, 'cloudwatch.amazonaws.com'));
        expect(keyGrant && actionsOf(keyGrant).sort(), name).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
        // The statement exactly as the SNS guide documents it: no condition keys that the KMS request may not carry.
        expect(keyGrant, name).toEqual({
          Sid: expect.any(String),
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        });

        const policies = ofType('AWS::SNS::TopicPolicy').filter(([, policy]) =>
          JSON.stringify(policy.Properties.Topics).includes(JSON.stringify({ Ref: action.Ref })),
        );
        const publish = policies
          .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
          .find((statement) => allowsService(statement, 'cloudwatch.amazonaws.com') && actionsOf(statement).includes('sns:Publish'));
        expect(publish?.Resource, name).toEqual({ Ref: action.Ref });
        // The topic policy is what keeps publishing to this account's alarms.
        expect(publish?.Condition, name).toMatchObject({
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        });
      }
    }
  });

  it('keeps the topic key of prod when the stack is deleted', () => {
    const keys = ofType('AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    expect(keys[0]?.[1]).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('alarm runbooks', () => {
  it("says in every alarm's description what it means, and links a runbook section that exists", () => {
    const runbook = readFileSync(path.join(root, RUNBOOK), 'utf8');
    const sections = new Set([...runbook.matchAll(/^### (\S+)$/gm)].map((match) => match[1]));
    const alarms = Object.values(synthWithCli('dev', []) as Record<string, Resource>).filter(
      (resource) => resource.Type === 'AWS::CloudWatch::Alarm',
    );
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const alarm of alarms) {
      const description = String(alarm.Properties.AlarmDescription);
      const anchor = new RegExp(`^(.{10,})\\. Runbook: ${RUNBOOK}#([a-z0-9-]+)$`).exec(description);
      expect(anchor, description).not.toBeNull();
      expect(sections.has(anchor?.[2]), description).toBe(true);
    }
  }, 180_000);
});
