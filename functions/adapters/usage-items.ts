// A charge as TransactWriteItems entries (the usage record and two conditional counter increments), and back from CancellationReasons.
import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Charge, CounterIncrement } from '../billing/charge.js';
import type { ChargeRefusal } from '../billing/ports.js';
import type { UsageRecord } from '../billing/usage-record.js';
import { dayKey, monthKey, usageKey } from './usage-keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Adds credits under a ceiling. A counter not written yet holds 0; when the credits alone pass the ceiling, the
 * condition leaves out the not-yet-written case, since a comparison with a missing attribute is false.
 */
export const counterUpdate = (tableName: string, key: { pk: string; sk: string }, counter: CounterIncrement): TransactItem => {
  const room = counter.ceiling === null ? null : counter.ceiling - counter.credits;
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD credits :credits SET expires_at = :expires_at',
      ...(room === null
        ? {}
        : { ConditionExpression: room >= 0 ? 'attribute_not_exists(credits) OR credits <= :room' : 'credits <= :room' }),
      ExpressionAttributeValues: {
        ':credits': counter.credits,
        ':expires_at': counter.expiresAt,
        ...(room === null ? {} : { ':room': room }),
      },
    },
  };
};

/** A usage record, written once: a retried request cannot charge twice. */
export const usageRecordPut = (usageTable: string, userId: string, usage: UsageRecord): TransactItem => ({
  Put: {
    TableName: usageTable,
    Item: { ...usageKey(userId, usage.request_id, usage.attribution_id), ...usage },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The charge's three items, in this order: usage record, day counter, month counter. */
export const chargeItems = (usageTable: string, charge: Charge): TransactItem[] => [
  usageRecordPut(usageTable, charge.userId, charge.usage),
  counterUpdate(usageTable, dayKey(charge.userId, charge.day.window), charge.day),
  counterUpdate(usageTable, monthKey(charge.userId, charge.month.window), charge.month),
];

export const CHARGE_ITEM_COUNT = 3;

export const conditionFailed = (reason: CancellationReason | undefined): boolean => reason?.Code === 'ConditionalCheckFailed';

/** Which counter refused the charge, from the reasons of its three items; undefined when neither did. */
export const readChargeRefusal = (reasons: (CancellationReason | undefined)[]): ChargeRefusal | undefined => {
  const [, day, month] = reasons;
  if (conditionFailed(day)) return 'daily_cap';
  if (conditionFailed(month)) return 'included_credits';
  return undefined;
};
