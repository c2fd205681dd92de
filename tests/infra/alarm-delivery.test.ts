// The alarms reach someone: the docs' hand-run deploy command, run by the CDK CLI through bin/app.ts, read off the
// template it writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK } from '../../lib/constructs/operations.js';
import { PROD_DEPLOY_CONTEXT, PROJECT_ROOT } from '../support/cdk-runs.js';
import { stackOf, synthesized } from '../support/cloud-assembly.js';

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Principal?: any; Action: string | string[]; Resource?: unknown; Condition?: unknown };

/** The resources of a stage's template, from a run of the CDK CLI that must have succeeded. */
const resourcesOf = async (run: 'stage' | 'listed', stackName: string): Promise<Record<string, Resource>> => {
  const synth = await synthesized(run);
  expect(synth.status, synth.output).toBe(0);
  return stackOf(synth.outdir, stackName).template.Resources;
};

const actionsOf = (statement: Statement) => [statement.Action].flat();
const allowsService = (statement: Statement, service: string) =>
  statement.Effect === 'Allow' && [statement.Principal?.Service].flat().includes(service);

describe('alarm delivery, from `cdk deploy -c stage=prod -c alarmEmail=…`', () => {
  let resources: Record<string, Resource>;
  beforeAll(async () => {
    resources = await resourcesOf('stage', `ReferralApi-${PROD_DEPLOY_CONTEXT.stage}`);
  }, 600_000);

  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  it('subscribes the alarm e-mail that bin/app.ts reads from the context', () => {
    const subscriptions = ofType('AWS::SNS::Subscription').map(([, resource]) => resource.Properties);
    expect(subscriptions).toEqual([expect.objectContaining({ Protocol: 'email', Endpoint: PROD_DEPLOY_CONTEXT.alarmEmail })]);
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
  it("says in every alarm's description what it means, and links a runbook section that exists", async () => {
    const runbook = readFileSync(path.join(PROJECT_ROOT, RUNBOOK), 'utf8');
    const sections = new Set([...runbook.matchAll(/^### (\S+)$/gm)].map((match) => match[1]));
    // The dev stage (its alarm delivery check included) as the committed cdk.json lists it, and the prod stage.
    for (const [run, stackName] of [
      ['listed', 'ReferralApi-dev'],
      ['stage', 'ReferralApi-prod'],
    ] as const) {
      const alarms = Object.values(await resourcesOf(run, stackName)).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
      expect(alarms.length, stackName).toBeGreaterThanOrEqual(5);
      for (const alarm of alarms) {
        const description = String(alarm.Properties.AlarmDescription);
        const anchor = new RegExp(`^(.{10,})\\. Runbook: ${RUNBOOK}#([a-z0-9-]+)$`).exec(description);
        expect(anchor, description).not.toBeNull();
        expect(sections.has(anchor?.[2]), description).toBe(true);
      }
    }
  }, 600_000);
});
