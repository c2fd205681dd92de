// Reading an attribution's items as the domain's records: the spec's fields in the spec's order, a corrupt item refused.
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { ActivitySchema } from '../referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../referrals/attribution.js';
import { callDynamo } from './dynamodb-errors.js';
import { withoutKeys } from './items.js';
import { ACTIVITY_PREFIX, ATTRIBUTION_SK, REWARD_SK_PREFIX } from './referrals-table.js';

export type Tables = { referrals: string; usage: string };

// Stored items are read through the spec's fields, in the spec's order; attributes outside the spec (index keys) are left out.
export const StoredAttributionSchema = v.object(AttributionSchema.entries);
const StoredRewardSchema = /* @__PURE__ */ (() => v.object(RewardSchema.entries))();

/** A stored record that does not match its schema is corrupt data: a 500, logged, never passed on. */
export const parseRecord = <S extends v.GenericSchema>(schema: S, item: Record<string, unknown>, what: string): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, withoutKeys(item));
  if (!parsed.success)
    throw new Error(`Stored ${what} ${String(item.pk)} does not match its schema at ${v.getDotPath(parsed.issues[0]) ?? '(root)'}`);
  return parsed.output;
};

/** Every item of an attribution's partition, read consistently: the attribution, its rewards and its activity. */
export const readPartition = async (client: DynamoDBDocumentClient, tables: Tables, attributionId: string) => {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await callDynamo(() =>
      client.send(
        new QueryCommand({
          TableName: tables.referrals,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': attributionId },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      ),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const attribution = items.find((item) => item.sk === ATTRIBUTION_SK);
  return {
    attribution: attribution ? parseRecord(StoredAttributionSchema, attribution, 'attribution') : undefined,
    rewards: items
      .filter((item) => String(item.sk).startsWith(REWARD_SK_PREFIX))
      .map((item) => parseRecord(StoredRewardSchema, item, 'reward')),
    // Newest first: the sort key starts with the time of the change.
    activity: items
      .filter((item) => String(item.sk).startsWith(ACTIVITY_PREFIX))
      .sort((a, b) => String(b.sk).localeCompare(String(a.sk)))
      .map((item) => parseRecord(ActivitySchema, item, 'activity')),
  };
};
