// DynamoDB access for attributions: one consistent read of the attribution with its rewards, and the reject transaction.
import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { AttributionSchema, inSchemaOrder, RewardSchema, type Attribution, type Reward } from '../referrals/attribution.js';
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord } from '../referrals/idempotency.js';
import type { CounterIncrement, RejectWritePlan, ReviewState } from '../referrals/reject-plan.js';
import { dayKey, idempotencyKey, monthKey, usageKey } from './usage-keys.js';

export const ATTRIBUTION_SK = 'attribution';
export const REWARD_SK_PREFIX = 'reward#';

export const attributionItemKey = (id: string) => ({ pk: id, sk: ATTRIBUTION_SK });
export const rewardItemKey = (attributionId: string, rewardId: string) => ({ pk: attributionId, sk: `${REWARD_SK_PREFIX}${rewardId}` });

/** Why the reject transaction was cancelled, read from its CancellationReasons. */
export type RejectCancellation =
  | { kind: 'idempotency_replay'; record: IdempotencyRecord }
  | { kind: 'attribution_missing' }
  | { kind: 'attribution_status'; status: string }
  | { kind: 'daily_cap' }
  | { kind: 'included_credits' }
  | { kind: 'contention' };

export class RejectCancelled extends Error {
  constructor(readonly reason: RejectCancellation) {
    super(`reject transaction cancelled: ${reason.kind}`);
    this.name = 'RejectCancelled';
  }
}

export type ReferralStore = {
  loadReviewState(attributionId: string): Promise<ReviewState>;
  commitRejection(write: RejectWritePlan): Promise<void>;
};

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, ...fields } = item;
  return fields as T;
};

const counterUpdate = (tableName: string, key: { pk: string; sk: string }, counter: CounterIncrement) => ({
  Update: {
    TableName: tableName,
    Key: key,
    UpdateExpression: 'ADD credits :credits SET expires_at = :expires_at',
    ...(counter.ceiling === null
      ? {}
      : { ConditionExpression: 'attribute_not_exists(credits) OR credits <= :room' }),
    ExpressionAttributeValues: {
      ':credits': counter.credits,
      ':expires_at': counter.expiresAt,
      ...(counter.ceiling === null ? {} : { ':room': counter.ceiling - counter.credits }),
    },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  },
});

/** Builds the TransactWriteItems request; item order matters to readCancellation. */
export const buildRejectTransaction = (tables: { referrals: string; usage: string }, write: RejectWritePlan): TransactWriteCommandInput => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':expected': write.expectedStatus };
  const sets: string[] = [];
  Object.entries(write.changes).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:f${index}`] = value;
    sets.push(`#f${index} = :f${index}`);
  });
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Update: {
        TableName: tables.referrals,
        Key: attributionItemKey(write.attributionId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#status = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    {
      Put: {
        TableName: tables.usage,
        Item: { ...usageKey(write.userId, write.usage.request_id), ...write.usage },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    counterUpdate(tables.usage, dayKey(write.userId, write.day.window), write.day),
    counterUpdate(tables.usage, monthKey(write.userId, write.month.window), write.month),
  ];
  if (write.idempotency) {
    items.push({
      Put: {
        TableName: tables.usage,
        Item: { ...idempotencyKey(write.userId, write.idempotency.key), ...write.idempotency },
        // An expired record that TTL has not removed yet may be replaced.
        ConditionExpression: 'attribute_not_exists(pk) OR expires_at < :now',
        ExpressionAttributeValues: { ':now': write.idempotency.expires_at - IDEMPOTENCY_TTL_SECONDS },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
  }
  return { TransactItems: items };
};

const failed = (reason: CancellationReason | undefined): boolean => reason?.Code === 'ConditionalCheckFailed';

/** Names the cause of a cancellation, most specific first; undefined when nothing but contention failed. */
export const readCancellation = (reasons: CancellationReason[]): RejectCancellation => {
  const [attribution, , day, month, idempotency] = reasons;
  if (failed(idempotency) && idempotency?.Item) {
    return { kind: 'idempotency_replay', record: stripKeys<IdempotencyRecord>(unmarshall(idempotency.Item)) };
  }
  if (failed(attribution)) {
    const old = attribution?.Item ? unmarshall(attribution.Item) : undefined;
    return old ? { kind: 'attribution_status', status: String(old.status) } : { kind: 'attribution_missing' };
  }
  if (failed(day)) return { kind: 'daily_cap' };
  if (failed(month)) return { kind: 'included_credits' };
  return { kind: 'contention' };
};

const MAX_CONTENTION_ATTEMPTS = 8;

const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

export const createReferralStore = (
  client: DynamoDBDocumentClient,
  tables: { referrals: string; usage: string },
): ReferralStore => ({
  async loadReviewState(attributionId) {
    const result = await client.send(
      new QueryCommand({
        TableName: tables.referrals,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': attributionId },
        ConsistentRead: true,
      }),
    );
    const items = result.Items ?? [];
    const attribution = items.find((item) => item.sk === ATTRIBUTION_SK);
    const rewards = items.filter((item) => String(item.sk).startsWith(REWARD_SK_PREFIX));
    return {
      attribution: attribution ? inSchemaOrder(stripKeys<Attribution>(attribution), AttributionSchema) : undefined,
      rewards: rewards.map((item) => inSchemaOrder(stripKeys<Reward>(item), RewardSchema)),
    };
  },

  async commitRejection(write) {
    const request = buildRejectTransaction(tables, write);
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteCommand(request));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const cancellation = readCancellation(error.CancellationReasons ?? []);
        // Concurrent transactions on the same items (the attribution, or an account's counters)
        // cancel each other with TransactionConflict; a short jittered retry lets them serialize.
        if (cancellation.kind !== 'contention' || attempt >= MAX_CONTENTION_ATTEMPTS) {
          throw new RejectCancelled(cancellation);
        }
        await backoff(attempt);
      }
    }
  },
});
