// The role a deploy pipeline's smoke test assumes in a stage's account, allowed only what its commands use.
import { Duration, type Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KEY_ID_INDEX, type TableKey } from '../tables.js';

/** The smoke test role's name, fixed so that a pipeline in another account can name it. */
export const smokeTestRoleName = (stage: string): string => `referral-api-smoke-${stage}`;

/**
 * `npm run keys -- create` and `revoke` on the keys table (its key-id index to find a key), and with writes what
 * `npm run smoke -- --write` does: put, read and remove its own referral, find and mark its usage record, and the alarm
 * delivery check on its one alarm. Nothing else, on nothing else.
 */
export const createSmokeTestRole = (
  stack: Stack,
  options: {
    stage: string;
    smoke: { account: string; writes: boolean };
    tables: Record<TableKey, dynamodb.ITable>;
    deliveryCheck: cloudwatch.IAlarm;
  },
): iam.Role => {
  const { tables, smoke } = options;
  const role = new iam.Role(stack, 'SmokeTestRole', {
    roleName: smokeTestRoleName(options.stage),
    assumedBy: new iam.AccountPrincipal(smoke.account),
    description: `Assumed by the deploy pipeline's smoke test of ${stack.stackName}`,
    maxSessionDuration: Duration.hours(1),
  });
  const grant = (key: TableKey, actions: string[], index?: string) =>
    role.addToPolicy(
      new iam.PolicyStatement({ actions, resources: [index ? `${tables[key].tableArn}/index/${index}` : tables[key].tableArn] }),
    );
  grant('apiKeys', ['dynamodb:PutItem', 'dynamodb:UpdateItem']);
  grant('apiKeys', ['dynamodb:Query'], KEY_ID_INDEX);
  if (smoke.writes) {
    grant('referrals', ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem']);
    grant('usage', ['dynamodb:Query', 'dynamodb:UpdateItem']);
    // The alarm delivery check: set the check alarm's state and read its history, that alarm only.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:SetAlarmState', 'cloudwatch:DescribeAlarmHistory'],
        resources: [options.deliveryCheck.alarmArn],
      }),
    );
  }
  return role;
};
