// Gives held_at to the attributions held for review before it existed (npm run migrate -- held-at). Their real hold
// time is not recorded anywhere, so each gets the earliest it can have been held, its created_at, or a later time
// the operator names: an age that errs long, so that the review SLA alarm errs toward firing, never toward silence.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { REVIEWABLE_STATUS } from '../referrals/decision.js';
import { STATUS_AS_READ } from './conditions.js';
import type { Placement } from './queue-placement.js';
import { ATTRIBUTION_SK, HELD_AT } from './referrals-table.js';

/** held_at for a held attribution without one: the later of `notBefore` (if given) and its created_at; undefined when it needs none. */
export const backfilledHeldAt = (item: Record<string, unknown>, notBefore?: string): string | undefined => {
  if (item.status !== REVIEWABLE_STATUS || item[HELD_AT] !== undefined) return undefined;
  const created = typeof item.created_at === 'string' && !Number.isNaN(Date.parse(item.created_at)) ? item.created_at : undefined;
  const candidates = [created, notBefore].filter((time): time is string => time !== undefined).map((time) => new Date(time).toISOString());
  // An attribution with neither: held no later than now.
  return candidates.sort().at(-1) ?? new Date().toISOString();
};

export const createHoldBackfill = (client: DynamoDBDocumentClient, table: string, notBefore?: string) => ({
  /** Sets held_at where the item is still held and still has none: idempotent, and beside live traffic. */
  async place(item: Record<string, unknown>): Promise<Placement> {
    const heldAt = backfilledHeldAt(item, notBefore);
    if (!heldAt) return 'current';
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: item.pk, sk: ATTRIBUTION_SK },
          UpdateExpression: 'SET #heldAt = :heldAt',
          // A referral that left review, or was given held_at by the indexer meanwhile, is left as it is.
          ConditionExpression: `${STATUS_AS_READ} AND attribute_not_exists(#heldAt)`,
          ExpressionAttributeNames: { '#status': 'status', '#heldAt': HELD_AT },
          ExpressionAttributeValues: { ':expected': REVIEWABLE_STATUS, ':heldAt': heldAt },
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'moved';
      throw error;
    }
  },
});
