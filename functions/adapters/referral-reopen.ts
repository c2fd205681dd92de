// A reopen's write on a referral: back to review_required and into the review queue's shard of its id, its review
// fields and any claim removed, under the condition that the reject it read is still its last change; with its
// activity item, its charge and its idempotency record, in one transaction.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import type { DecisionCancellation, ReopenStore, ReopenWritePlan } from '../referrals/ports.js';
import { REOPENABLE_STATUS } from '../referrals/reopen.js';
import { allOf, ITEM_ABSENT, STATUS_AS_READ } from './conditions.js';
import { idempotencyItems } from './idempotency-store.js';
import { createReferralReader } from './referral-queue.js';
import { readReferralCancellation, type Tables } from './referral-records.js';
import { DECIDED_UNDER } from './referral-store.js';
import { activityItem, attributionItemKey, CLAIM_NAMES, HELD_AT, holdPut, QUEUE_KEY, queueKey, queueShard } from './referrals-table.js';
import { type NamedItems, type ReasonsByName, transactWrite } from './transact.js';
import { chargeItems } from './usage-table.js';

type ReopenItem = 'attribution' | 'activity' | 'hold' | 'usage' | 'day' | 'month' | 'idempotency';

/** The reject a reopen read is still the referral's last review (`#reviewedAt`, `:rejectedAt`). */
const REJECT_AS_READ = '#reviewedAt = :rejectedAt';

export const buildReopenTransaction = (tables: Tables, plan: ReopenWritePlan): NamedItems<ReopenItem> => [
  [
    'attribution',
    {
      Update: {
        TableName: tables.referrals,
        Key: attributionItemKey(plan.attributionId),
        UpdateExpression:
          'SET #status = :held, #queue = :queue, #heldAt = :heldAt REMOVE #reviewedAt, #reviewedBy, #claimedBy, #claimedUntil, #decidedUnder',
        ConditionExpression: allOf(STATUS_AS_READ, REJECT_AS_READ),
        ExpressionAttributeNames: {
          '#status': 'status',
          '#queue': QUEUE_KEY,
          '#reviewedAt': 'reviewed_at',
          '#reviewedBy': 'reviewed_by',
          '#decidedUnder': DECIDED_UNDER,
          '#heldAt': HELD_AT,
          ...CLAIM_NAMES,
        },
        ExpressionAttributeValues: {
          ':expected': REOPENABLE_STATUS,
          ':rejectedAt': plan.rejectedAt,
          ':held': REVIEWABLE_STATUS,
          ':queue': queueKey(REVIEWABLE_STATUS, queueShard(plan.attributionId)),
          ':heldAt': plan.hold.held_at,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
  ],
  [
    'activity',
    { Put: { TableName: tables.referrals, Item: activityItem(plan.attributionId, plan.activity), ConditionExpression: ITEM_ABSENT } },
  ],
  // The new stay in review, announced as referral.review_opened by the forwarder.
  ['hold', { Put: holdPut(tables.referrals, plan.attributionId, plan.hold) }],
  ...chargeItems(tables.usage, plan.charge),
  ...idempotencyItems(tables.usage, plan.charge.userId, plan.idempotency),
];

/** A refusal by the referral: gone, or moved on from the reject read (another status, or decided again since). */
const readReopenCancellation = (reasons: ReasonsByName<ReopenItem>): DecisionCancellation =>
  readReferralCancellation(reasons, (attribution) =>
    attribution?.Item
      ? { kind: 'attribution_status', status: String(unmarshall(attribution.Item).status) }
      : { kind: 'attribution_missing' },
  );

export const createReopenStore = (client: DynamoDBDocumentClient, tables: Tables): ReopenStore => ({
  loadReferral: createReferralReader(client, tables).loadReferral,
  async commitReopen(plan, budget) {
    const outcome = await transactWrite(client, buildReopenTransaction(tables, plan), {
      identity: `reopen#${plan.charge.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readReopenCancellation(outcome.reasons) };
  },
});
