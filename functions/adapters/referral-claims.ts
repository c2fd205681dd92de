// The claims' writes on referrals: a claim or a release in one transaction with its charge (and a forced release's
// activity item), and claim-next's conditional claim of one referral, each under the server's clock at the write.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import type { ClaimNextStore, ClaimStore, ClaimWritePlan, DecisionCancellation } from '../referrals/ports.js';
import { allOf, CLAIMED_BY_CALLER, ITEM_ABSENT, ITEM_PRESENT, OPEN_TO_CALLER, STATUS_AS_READ } from './conditions.js';
import { callDynamo } from './dynamodb-errors.js';
import { idempotencyItems } from './idempotency-store.js';
import { createReferralReader } from './referral-queue.js';
import {
  parseRecord,
  readAttributionRefusal,
  readPartition,
  readReferralCancellation,
  StoredAttributionSchema,
  storedClaimOf,
  type Tables,
} from './referral-records.js';
import { activityItem, attributionItemKey, CLAIM_NAMES } from './referrals-table.js';
import { type NamedItems, type ReasonsByName, sendUntilKnown, transactWrite } from './transact.js';
import { chargeItems, claimTicketKey } from './usage-table.js';

/** A ticket bucket is kept a day, then TTL removes it. */
const TICKET_TTL_SECONDS = 24 * 60 * 60;

type ClaimItem = 'attribution' | 'activity' | 'usage' | 'day' | 'month' | 'idempotency';

/**
 * The attribution's claim changed: set while it is held for review and open to the caller, or removed while it is
 * open to the caller (a forced release: while the holder read still holds it).
 */
const claimUpdate = (tables: Tables, plan: ClaimWritePlan) => {
  const target = {
    TableName: tables.referrals,
    Key: attributionItemKey(plan.attributionId),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  if (plan.untilMs !== undefined) {
    return {
      Update: {
        ...target,
        UpdateExpression: 'SET #claimedBy = :caller, #claimedUntil = :untilMs',
        ConditionExpression: allOf(STATUS_AS_READ, OPEN_TO_CALLER),
        ExpressionAttributeNames: { ...CLAIM_NAMES, '#status': 'status' },
        ExpressionAttributeValues: {
          ':expected': REVIEWABLE_STATUS,
          ':caller': plan.caller,
          ':nowMs': plan.nowMs,
          ':untilMs': plan.untilMs,
        },
      },
    };
  }
  const remove = { ...target, UpdateExpression: 'REMOVE #claimedBy, #claimedUntil', ExpressionAttributeNames: CLAIM_NAMES };
  if (plan.forced) {
    return {
      Update: {
        ...remove,
        ConditionExpression: allOf(ITEM_PRESENT, CLAIMED_BY_HOLDER),
        ExpressionAttributeValues: { ':holder': plan.forced.holder },
      },
    };
  }
  return {
    Update: {
      ...remove,
      ConditionExpression: allOf(ITEM_PRESENT, OPEN_TO_CALLER),
      ExpressionAttributeValues: { ':caller': plan.caller, ':nowMs': plan.nowMs },
    },
  };
};

/** The claim a forced release read is still the one there (`:holder`). */
const CLAIMED_BY_HOLDER = '#claimedBy = :holder';

/** A claim's or a release's transaction: the claim, its charge and, with a key, its idempotency record. */
export const buildClaimTransaction = (tables: Tables, plan: ClaimWritePlan): NamedItems<ClaimItem> => [
  ['attribution', claimUpdate(tables, plan)],
  ...(plan.forced
    ? [
        [
          'activity',
          {
            Put: {
              TableName: tables.referrals,
              Item: activityItem(plan.attributionId, plan.forced.activity),
              ConditionExpression: ITEM_ABSENT,
            },
          },
        ] as const,
      ]
    : []),
  ...chargeItems(tables.usage, plan.charge),
  ...idempotencyItems(tables.usage, plan.charge.userId, plan.idempotency),
];

/** Names the cause of a cancelled claim or release, most specific first: a replay, the referral, the counters. */
const readClaimCancellation = (reasons: ReasonsByName<ClaimItem>, plan: ClaimWritePlan): DecisionCancellation =>
  readReferralCancellation(reasons, (attribution) => {
    if (plan.untilMs !== undefined) return readAttributionRefusal(attribution?.Item, REVIEWABLE_STATUS);
    // A release does not look at the status: an item it finds refused it for its claim, someone else's.
    if (!attribution?.Item) return { kind: 'attribution_missing' };
    const claim = storedClaimOf(unmarshall(attribution.Item));
    return claim ? { kind: 'claimed', claim } : { kind: 'contention' };
  });

export const createClaimStore = (client: DynamoDBDocumentClient, tables: Tables): ClaimStore => ({
  async loadReviewState(attributionId) {
    const { attribution, rewards, claim } = await readPartition(client, tables, attributionId);
    return { attribution, rewards, ...(claim ? { claim } : {}) };
  },
  async commitClaim(plan, budget) {
    const kind = plan.untilMs === undefined ? 'release' : 'claim';
    const outcome = await transactWrite(client, buildClaimTransaction(tables, plan), {
      identity: `${kind}#${plan.charge.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readClaimCancellation(outcome.reasons, plan) };
  },
});

export const createClaimNextStore = (client: DynamoDBDocumentClient, tables: Tables): ClaimNextStore => {
  const reader = createReferralReader(client, tables);
  return {
    queueShards: reader.queueShards,
    listShard: reader.listShard,
    async takeTicket(window, count) {
      // A plain ADD: a resend after a lost answer counts twice, which only moves a caller's place, never a claim.
      const { Attributes } = await callDynamo(() =>
        client.send(
          new UpdateCommand({
            TableName: tables.usage,
            Key: claimTicketKey(window),
            UpdateExpression: 'ADD asked :count SET expires_at = if_not_exists(expires_at, :expires)',
            ExpressionAttributeValues: { ':count': count, ':expires': Math.floor(Date.now() / 1000) + TICKET_TTL_SECONDS },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return Number(Attributes?.asked ?? count) - count;
    },
    async releaseIfHeld({ attributionId, caller }, budget) {
      const command = new UpdateCommand({
        TableName: tables.referrals,
        Key: attributionItemKey(attributionId),
        UpdateExpression: 'REMOVE #claimedBy, #claimedUntil',
        ConditionExpression: CLAIMED_BY_CALLER,
        ExpressionAttributeNames: CLAIM_NAMES,
        ExpressionAttributeValues: { ':caller': caller },
      });
      await sendUntilKnown(`unclaim#${attributionId}`, budget, (abortSignal) => client.send(command, { abortSignal })).catch((error) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
    },
    async claimIfFree({ attributionId, caller, nowMs, untilMs }, budget) {
      // A resend after a lost answer meets the caller's own claim, which the condition lets through: the caller learns it holds it.
      const command = new UpdateCommand({
        TableName: tables.referrals,
        Key: attributionItemKey(attributionId),
        UpdateExpression: 'SET #claimedBy = :caller, #claimedUntil = :untilMs',
        ConditionExpression: allOf(STATUS_AS_READ, OPEN_TO_CALLER),
        ExpressionAttributeNames: { ...CLAIM_NAMES, '#status': 'status' },
        ExpressionAttributeValues: { ':expected': REVIEWABLE_STATUS, ':caller': caller, ':nowMs': nowMs, ':untilMs': untilMs },
        ReturnValues: 'ALL_NEW',
      });
      try {
        const { Attributes } = await sendUntilKnown(`claim-next#${attributionId}`, budget, (abortSignal) =>
          client.send(command, { abortSignal }),
        );
        return Attributes ? parseRecord(StoredAttributionSchema, Attributes, 'attribution') : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
  };
};
