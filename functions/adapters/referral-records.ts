// Reading an attribution's items as the domain's records: the spec's fields in the spec's order, a corrupt item refused.
import type { AttributeValue, CancellationReason } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import { ActivitySchema } from '../referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../referrals/attribution.js';
import type { StoredClaim } from '../referrals/claims.js';
import { NoteSchema } from '../referrals/note-record.js';
import type { DecisionCancellation } from '../referrals/ports.js';
import { callDynamo } from './dynamodb-errors.js';
import { storedRecordOf } from './idempotency-store.js';
import { withoutKeys } from './items.js';
import { ACTIVITY_PREFIX, ATTRIBUTION_SK, CLAIMED_BY, CLAIMED_UNTIL, NOTE_PREFIX, REWARD_SK_PREFIX } from './referrals-table.js';
import { conditionFailed, type ReasonsByName } from './transact.js';
import { readChargeRefusal } from './usage-table.js';

export type Tables = { referrals: string; usage: string };

// Stored items are read through the spec's fields, in the spec's order; attributes outside the spec (index keys) are left out.
export const StoredAttributionSchema = v.object(AttributionSchema.entries);
const StoredRewardSchema = /* @__PURE__ */ (() => v.object(RewardSchema.entries))();
const StoredNoteSchema = /* @__PURE__ */ (() => v.object(NoteSchema.entries))();

/** A stored record that does not match its schema is corrupt data: a 500, logged, never passed on. */
export const parseRecord = <S extends v.GenericSchema>(schema: S, item: Record<string, unknown>, what: string): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, withoutKeys(item));
  if (!parsed.success)
    throw new Error(`Stored ${what} ${String(item.pk)} does not match its schema at ${v.getDotPath(parsed.issues[0]) ?? '(root)'}`);
  return parsed.output;
};

/** The claim an attribution item carries, whether or not its lease has ended; undefined without one. */
export const storedClaimOf = (item: Record<string, unknown> | undefined): StoredClaim | undefined => {
  const by = item?.[CLAIMED_BY];
  const until = item?.[CLAIMED_UNTIL];
  return typeof by === 'string' && typeof until === 'number' ? { by, untilMs: until } : undefined;
};

/** Every item of an attribution's partition, read consistently: the attribution, its rewards, activity and notes. */
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
    claim: storedClaimOf(attribution),
    rewards: items
      .filter((item) => String(item.sk).startsWith(REWARD_SK_PREFIX))
      .map((item) => parseRecord(StoredRewardSchema, item, 'reward')),
    // Newest first: the sort key starts with the time of the change.
    activity: items
      .filter((item) => String(item.sk).startsWith(ACTIVITY_PREFIX))
      .sort((a, b) => String(b.sk).localeCompare(String(a.sk)))
      .map((item) => parseRecord(ActivitySchema, item, 'activity')),
    // Oldest first: a note's sort key starts with the time it was written.
    notes: items
      .filter((item) => String(item.sk).startsWith(NOTE_PREFIX))
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
      .map((item) => parseRecord(StoredNoteSchema, item, 'note')),
  };
};

/** The items a charged write on one referral names, as its cancellation is read. */
type ChargedReferralItem = 'attribution' | 'idempotency' | 'day' | 'month';

/**
 * Names the cause of a cancelled transaction on one referral, most specific first: an earlier request's record under
 * the key (a replay), the referral's own condition (as `attributionRefusal` reads it), the counters, else contention.
 */
export const readReferralCancellation = (
  reasons: ReasonsByName<ChargedReferralItem>,
  attributionRefusal: (reason: CancellationReason | undefined) => DecisionCancellation,
): DecisionCancellation => {
  const record = storedRecordOf(reasons.idempotency);
  if (record) return { kind: 'idempotency_replay', record };
  if (conditionFailed(reasons.attribution)) return attributionRefusal(reasons.attribution);
  const refusal = readChargeRefusal(reasons);
  return refusal ? { kind: refusal } : { kind: 'contention' };
};

/**
 * Why an attribution's conditional write was refused, from the item it returned (ReturnValuesOnConditionCheckFailure):
 * missing, in another status than `expected`, or held by someone else's claim.
 */
export const readAttributionRefusal = (
  returned: Record<string, AttributeValue> | undefined,
  expected: string,
):
  | { kind: 'attribution_missing' }
  | { kind: 'attribution_status'; status: string }
  | { kind: 'claimed'; claim: StoredClaim }
  | { kind: 'contention' } => {
  if (!returned) return { kind: 'attribution_missing' };
  const item = unmarshall(returned);
  if (item.status !== expected) return { kind: 'attribution_status', status: String(item.status) };
  const claim = storedClaimOf(item);
  // The condition failed on the claim: someone else's, live at the write; without one, the item changed meanwhile.
  return claim ? { kind: 'claimed', claim } : { kind: 'contention' };
};
