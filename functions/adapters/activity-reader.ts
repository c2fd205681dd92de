// Reads the audit trail back by time, for `npm run events -- replay`: the activity index a day at a time, or one referral's partition.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { queryAll } from './items.js';
import { ACTIVITY_DAY, ACTIVITY_INDEX, ACTIVITY_PREFIX, activityDay } from './referrals-table.js';

export type ActivityWindow = { since: string; until: string; attributionId?: string };

/** Activity sort keys within the window, both ends included: `activity#<at>#<request id>` sorts by time. */
const sortKeyRange = (window: ActivityWindow) => ({
  ':from': `${ACTIVITY_PREFIX}${window.since}`,
  ':to': `${ACTIVITY_PREFIX}${window.until}#\uffff`,
});

/** The UTC days from the window's first to its last, each a partition of the activity index. */
export const daysOf = (window: ActivityWindow): string[] => {
  const days: string[] = [];
  const last = activityDay(window.until);
  for (let day = new Date(`${activityDay(window.since)}T00:00:00.000Z`); activityDay(day.toISOString()) <= last; ) {
    days.push(activityDay(day.toISOString()));
    day = new Date(day.getTime() + 24 * 60 * 60 * 1000);
  }
  return days;
};

/**
 * The activity items of a window, in time order within each day, as stored (keys included). One query per day of the
 * index (no scan), or, for one referral, one query of its partition, read consistently.
 */
export const readActivity = async function* (client: DynamoDBDocumentClient, table: string, window: ActivityWindow) {
  if (window.attributionId) {
    yield* queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': window.attributionId, ...sortKeyRange(window) },
      ConsistentRead: true,
    });
    return;
  }
  for (const day of daysOf(window)) {
    yield* queryAll(client, {
      TableName: table,
      IndexName: ACTIVITY_INDEX,
      KeyConditionExpression: '#day = :day AND sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#day': ACTIVITY_DAY },
      ExpressionAttributeValues: { ':day': day, ...sortKeyRange(window) },
    });
  }
};
