// Reads idempotency records; they are written inside the transaction of the change they answer for.
import { type CancellationReason, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import type { IdempotencyClaims, IdempotencyStore } from '../idempotency/ports.js';
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord, IdempotencyRecordSchema } from '../idempotency/record.js';
import { allOf, anyOf, CLAIM_IN_PROGRESS, CLAIM_IS_OURS, ITEM_ABSENT, LEASE_OVER, RECORD_EXPIRED } from './conditions.js';
import { callDynamo } from './dynamodb-errors.js';
import { withoutKeys } from './items.js';
import { conditionFailed, type NamedItems, sendUntilKnown } from './transact.js';
import { idempotencyKey } from './usage-table.js';

/** A stored record in the domain's shape; a malformed one is treated as absent rather than replayed. */
export const toIdempotencyRecord = (item: Record<string, unknown>): IdempotencyRecord | undefined => {
  const record = v.safeParse(IdempotencyRecordSchema, withoutKeys(item));
  return record.success ? record.output : undefined;
};

/**
 * A keyed request's record, written in the transaction of the change it answers for: refused while an earlier
 * request's record under the key is live, which the cancellation then hands back (ALL_OLD) to be replayed.
 */
export const idempotencyItems = (usageTable: string, userId: string, record: IdempotencyRecord | undefined): NamedItems<'idempotency'> =>
  record
    ? [
        [
          'idempotency',
          {
            Put: {
              TableName: usageTable,
              Item: { ...idempotencyKey(userId, record.key), ...record },
              // An expired record that TTL has not removed yet may be replaced; expired means as isLive says: expires_at <= now.
              ConditionExpression: anyOf(ITEM_ABSENT, RECORD_EXPIRED),
              ExpressionAttributeValues: { ':now': record.expires_at - IDEMPOTENCY_TTL_SECONDS },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      ]
    : [];

/** The earlier request's record that refused the idempotency item, as its cancellation reason returned it. */
export const storedRecordOf = (reason: CancellationReason | undefined): IdempotencyRecord | undefined =>
  conditionFailed(reason) && reason?.Item ? toIdempotencyRecord(unmarshall(reason.Item)) : undefined;

export const createIdempotencyStore = (client: DynamoDBDocumentClient, tables: { usage: string }): IdempotencyStore => ({
  async read(userId, key) {
    const result = await callDynamo(() =>
      client.send(new GetCommand({ TableName: tables.usage, Key: idempotencyKey(userId, key), ConsistentRead: true })),
    );
    return result.Item ? toIdempotencyRecord(result.Item) : undefined;
  },
});

/** How long a claim holds its key: a request that dies leaves it to a retry after this. */
export const CLAIM_LEASE_SECONDS = 60;

/**
 * The claim-then-complete idempotency of a request that writes more than one transaction (bulk reject): a
 * conditional put takes the key (or a stale claim's, or an expired record's); the result replaces the claim.
 * Each write is plain, so a resend after a lost answer is made harmless by its condition: a claim that finds its
 * own claim id took the key, a completion keeps the claim id it is conditioned on, an abandon finds nothing to delete.
 */
export const createIdempotencyClaims = (client: DynamoDBDocumentClient, tables: { usage: string }): IdempotencyClaims => ({
  async claim({ userId, key, fingerprint, claimId, now }, budget) {
    const seconds = Math.floor(now.getTime() / 1000);
    const command = new PutCommand({
      TableName: tables.usage,
      Item: {
        ...idempotencyKey(userId, key),
        key,
        fingerprint,
        state: 'in_progress',
        claim_id: claimId,
        lease_until: seconds + CLAIM_LEASE_SECONDS,
        expires_at: seconds + IDEMPOTENCY_TTL_SECONDS,
      },
      // The key is free, its record expired, or a claim on it outlived its lease.
      ConditionExpression: anyOf(ITEM_ABSENT, RECORD_EXPIRED, allOf(CLAIM_IN_PROGRESS, LEASE_OVER)),
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':now': seconds, ':inProgress': 'in_progress' },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    try {
      await sendUntilKnown(`claim#${claimId}`, budget, (abortSignal) => client.send(command, { abortSignal }));
      return { kind: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const item = error.Item ? unmarshall(error.Item) : {};
      // An earlier send of this very claim was applied and its answer lost.
      if (item.claim_id === claimId && item.state === 'in_progress') return { kind: 'claimed' };
      const record = toIdempotencyRecord(item);
      if (record) return { kind: 'completed', record };
      return { kind: 'in_progress', fingerprint: String(item.fingerprint ?? ''), expiresAt: Number(item.expires_at ?? seconds) };
    }
  },

  async complete({ userId, key, claimId, record }, budget) {
    const command = new PutCommand({
      TableName: tables.usage,
      // The claim id stays, so that a resend of this completion meets its own condition again.
      Item: { ...idempotencyKey(userId, key), ...record, state: 'completed', claim_id: claimId },
      // Only while the claim is still this request's: a retry that took a stale claim over keeps its own.
      ConditionExpression: CLAIM_IS_OURS,
      ExpressionAttributeValues: { ':claim': claimId },
    });
    try {
      await sendUntilKnown(`complete#${claimId}`, budget, (abortSignal) => client.send(command, { abortSignal }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  },

  async abandon({ userId, key, claimId }, budget) {
    const command = new DeleteCommand({
      TableName: tables.usage,
      Key: idempotencyKey(userId, key),
      ConditionExpression: allOf(CLAIM_IS_OURS, CLAIM_IN_PROGRESS),
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':claim': claimId, ':inProgress': 'in_progress' },
    });
    await sendUntilKnown(`abandon#${claimId}`, budget, (abortSignal) => client.send(command, { abortSignal })).catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  },
});
