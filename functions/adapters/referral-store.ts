// A decision's writes on referrals: the single decision's transaction and a bulk decision's, one per referral, and the
// reads each needs first.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import type {
  BulkItemWritePlan,
  BulkReferralStore,
  DecisionCancellation,
  DecisionWritePlan,
  ReferralStore,
  StoredReferral,
} from '../referrals/ports.js';
import { allOf, ITEM_ABSENT, OPEN_TO_CALLER, STATUS_AS_READ } from './conditions.js';
import { idempotencyItems } from './idempotency-store.js';
import { batchGetConsistent, settledBatchRead } from './items.js';
import {
  parseRecord,
  readAttributionRefusal,
  readPartition,
  readReferralCancellation,
  StoredAttributionSchema,
  type Tables,
} from './referral-records.js';
import { activityItem, attributionItemKey, CLAIM_NAMES, isQueued, QUEUE_KEY, queueKey, queueShard } from './referrals-table.js';
import { conditionFailed, type NamedItems, type ReasonsByName, transactWrite } from './transact.js';
import { chargeItems, usageRecordPut } from './usage-table.js';

type ReferralWrite = Pick<DecisionWritePlan, 'attributionId' | 'expectedStatus' | 'changes' | 'activity'> & { decidedUnder?: string };

/** The attribute naming the keyed request that decided a referral (BulkItemWritePlan.decidedUnder); every decision sets or clears it. */
export const DECIDED_UNDER = 'decided_under';

/**
 * The referral's two writes: its status change, conditional on the status read and on no one else holding a live
 * claim by the server's clock at the write (the decider's own claim, or an expired one, is no bar), and its activity
 * item. A decision clears the claim.
 */
const decisionItems = (tables: Tables, plan: ReferralWrite) => {
  const names: Record<string, string> = { '#status': 'status', '#queue': QUEUE_KEY, '#decidedUnder': DECIDED_UNDER, ...CLAIM_NAMES };
  const values: Record<string, unknown> = {
    ':expected': plan.expectedStatus,
    ':caller': plan.changes.reviewed_by,
    ':nowMs': Date.parse(plan.changes.reviewed_at as string),
  };
  const sets: string[] = [];
  const removes: string[] = ['#claimedBy', '#claimedUntil'];
  Object.entries(plan.changes).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  });
  // The queue key moves with the status, in the same plan: into the new status's shard, or out of the index.
  if (isQueued(plan.changes.status)) {
    values[':queue'] = queueKey(plan.changes.status, queueShard(plan.attributionId));
    sets.push('#queue = :queue');
  } else removes.push('#queue');
  // A decision without a key leaves no mark of an earlier keyed one.
  if (plan.decidedUnder === undefined) removes.push('#decidedUnder');
  else {
    values[':decidedUnder'] = plan.decidedUnder;
    sets.push('#decidedUnder = :decidedUnder');
  }
  return [
    [
      'attribution',
      {
        Update: {
          TableName: tables.referrals,
          Key: attributionItemKey(plan.attributionId),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: allOf(STATUS_AS_READ, OPEN_TO_CALLER),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
    ],
    // Written once, never replaced.
    [
      'activity',
      { Put: { TableName: tables.referrals, Item: activityItem(plan.attributionId, plan.activity), ConditionExpression: ITEM_ABSENT } },
    ],
  ] as const satisfies NamedItems<'attribution' | 'activity'>;
};

type DecisionItem = 'attribution' | 'activity' | 'usage' | 'day' | 'month' | 'idempotency';

/** A decision's transaction: the referral's writes, its charge and, with a key, its idempotency record. */
export const buildDecisionTransaction = (tables: Tables, plan: DecisionWritePlan): NamedItems<DecisionItem> => [
  ...decisionItems(tables, plan),
  ...chargeItems(tables.usage, plan.charge),
  ...idempotencyItems(tables.usage, plan.charge.userId, plan.idempotency),
];

/** One referral's transaction in a bulk decision: its status change, its activity item and its own usage record. */
export const buildBulkItemTransaction = (tables: Tables, plan: BulkItemWritePlan): NamedItems<'attribution' | 'activity' | 'usage'> => [
  // No counter: the credits were reserved on them already, so no two referrals' transactions share an item.
  ...decisionItems(tables, plan),
  ['usage', usageRecordPut(tables.usage, plan.userId, plan.usage)],
];

/** Names the cause of a cancellation, most specific first: a replay, the referral, the counters, else contention. */
export const readCancellation = (reasons: ReasonsByName<DecisionItem>): DecisionCancellation =>
  readReferralCancellation(reasons, (attribution) => readAttributionRefusal(attribution?.Item, REVIEWABLE_STATUS));

/**
 * One factory per port, so that each function's bundle holds only the access it uses: the reject's, the review
 * queue's, the bulk reject's.
 */
export const createReferralStore = (client: DynamoDBDocumentClient, tables: Tables): ReferralStore => ({
  async loadReviewState(attributionId) {
    const { attribution, rewards } = await readPartition(client, tables, attributionId);
    return { attribution, rewards };
  },
  async commitDecision(plan, budget) {
    const outcome = await transactWrite(client, buildDecisionTransaction(tables, plan), {
      identity: `${plan.activity.action}#${plan.charge.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readCancellation(outcome.reasons) };
  },
});

export const createBulkReferralStore = (client: DynamoDBDocumentClient, tables: Tables): BulkReferralStore => ({
  async loadAttributions(ids, deadline) {
    const found = new Map<string, StoredReferral>();
    // Keys left unread are named, never taken for missing: each answers as a retryable failure of its own.
    const { items, unread } = await settledBatchRead(
      batchGetConsistent(client, tables.referrals, ids.map(attributionItemKey), { deadline }),
    );
    for (const item of items) {
      const attribution = parseRecord(StoredAttributionSchema, item, 'attribution');
      const decidedUnder = item[DECIDED_UNDER];
      found.set(attribution.id, { attribution, ...(typeof decidedUnder === 'string' ? { decidedUnder } : {}) });
    }
    return { referrals: found, unread: new Set(unread.map((key) => String(key.pk))) };
  },
  async commitItemDecision(plan, budget) {
    const outcome = await transactWrite(client, buildBulkItemTransaction(tables, plan), {
      identity: `bulk-item#${plan.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    if (outcome.committed) return outcome;
    const { attribution } = outcome.reasons;
    if (!conditionFailed(attribution)) return { committed: false, cancellation: 'contention' };
    const refusal = readAttributionRefusal(attribution?.Item, REVIEWABLE_STATUS);
    switch (refusal.kind) {
      case 'claimed':
        return { committed: false, cancellation: 'claimed', claim: refusal.claim };
      case 'attribution_status':
        return { committed: false, cancellation: 'attribution_status', status: refusal.status };
      default:
        return { committed: false, cancellation: refusal.kind };
    }
  },
});
