// Reads holds back by time, for `npm run events -- replay`: one referral's hold items, or those of the referrals
// still in review, found through the review queue index by their held_at.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import type { ActivityWindow } from './activity-reader.js';
import { queryAll } from './items.js';
import { HELD_AT, holdSortKey, QUEUE_INDEX, QUEUE_KEY, QUEUE_SHARDS, queueKey } from './referrals-table.js';

/** One referral's hold items within the window, both ends included, read consistently. */
const holdsOf = (client: DynamoDBDocumentClient, table: string, attributionId: string, window: ActivityWindow) =>
  queryAll(client, {
    TableName: table,
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': attributionId, ':from': holdSortKey(window.since), ':to': holdSortKey(window.until) },
    ConsistentRead: true,
  });

/**
 * The hold items of a window, as stored (keys included). For one referral, its partition's, whatever its status now.
 * Otherwise there is no index of holds by time (a wave of holds must not share one partition a day with the audit
 * trail): the referrals still in review_required are found through each shard of the review queue index, filtered on
 * held_at, and each one's holds read from its partition. A referral held in the window and decided since is not
 * found that way; its decision's event is replayed from the audit trail.
 */
export const readHolds = async function* (client: DynamoDBDocumentClient, table: string, window: ActivityWindow) {
  if (window.attributionId) {
    yield* holdsOf(client, table, window.attributionId, window);
    return;
  }
  for (let shard = 0; shard < QUEUE_SHARDS; shard++) {
    const held = queryAll(client, {
      TableName: table,
      IndexName: QUEUE_INDEX,
      KeyConditionExpression: '#queue = :queue',
      FilterExpression: '#status = :held AND #heldAt BETWEEN :since AND :until',
      ProjectionExpression: 'pk',
      ExpressionAttributeNames: { '#queue': QUEUE_KEY, '#status': 'status', '#heldAt': HELD_AT },
      ExpressionAttributeValues: {
        ':queue': queueKey(REVIEWABLE_STATUS, shard),
        ':held': REVIEWABLE_STATUS,
        ':since': window.since,
        ':until': window.until,
      },
    });
    for await (const { pk } of held) yield* holdsOf(client, table, String(pk), window);
  }
};
