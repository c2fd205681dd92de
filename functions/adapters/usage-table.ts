// The usage table, whole: every item of an account shares its partition; the keys, the sparse index, and the items
// this API writes there (usage records, counter increments, reservations) as TransactWriteItems entries.
import type { Charge, ChargeRefusal, CounterIncrement, Reservation } from '../billing/ports.js';
import type { UsageRecord } from '../billing/usage-record.js';
import { allOf, anyOf, ITEM_ABSENT, ITEM_PRESENT } from './conditions.js';
import { conditionFailed, type NamedItems, type ReasonsByName, type TransactItem } from './transact.js';

export const accountKey = (userId: string): string => `account#${userId}`;

/** A usage record: one per charged request, or per rejected referral of a bulk request. */
export const usageKey = (userId: string, requestId: string, attributionId?: string) => ({
  pk: accountKey(userId),
  sk: attributionId === undefined ? `usage#${requestId}` : `usage#${requestId}#${attributionId}`,
});
export const rateKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `rate#${window}` });
export const dayKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `day#${window}` });
export const monthKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `month#${window}` });
/** An open credit reservation of a bulk request: written with the reservation, deleted by its release. */
export const reservationKey = (userId: string, requestId: string) => ({ pk: accountKey(userId), sk: `${RESERVATION_PREFIX}${requestId}` });
/** The tickets of claim-next's calls in one time bucket: one item for every account, read by nothing but claim-next. */
export const claimTicketKey = (window: string) => ({ pk: 'claim-next', sk: `ticket#${window}` });
export const idempotencyKey = (userId: string, key: string) => ({ pk: accountKey(userId), sk: `idempotency#${key}` });
/** Whose reservation a reservation key is: the account and the request, read back from the key. */
export const reservationOf = (key: Record<string, unknown>) => ({
  userId: String(key.pk).slice(accountKey('').length),
  requestId: String(key.sk).slice(RESERVATION_PREFIX.length),
});

export const USAGE_PREFIX = 'usage#';
export const RESERVATION_PREFIX = 'reservation#';

/** The sparse index of open reservations, by the UTC day they were made (reservation_day) and when (reserved_at). */
export const OPEN_RESERVATIONS_INDEX = 'open-reservations';

/** A counter not written yet (it holds 0). */
const COUNTER_UNWRITTEN = 'attribute_not_exists(credits)';
/** A counter with room for the credits added (`:room`: the ceiling less the credits). */
const COUNTER_HAS_ROOM = 'credits <= :room';

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
      ...(room === null ? {} : { ConditionExpression: room >= 0 ? anyOf(COUNTER_UNWRITTEN, COUNTER_HAS_ROOM) : COUNTER_HAS_ROOM }),
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
    ConditionExpression: ITEM_ABSENT,
  },
});

/** The day and month counters' increments, named as readChargeRefusal reads them. */
export const counterItems = (usageTable: string, userId: string, counters: { day: CounterIncrement; month: CounterIncrement }) =>
  [
    ['day', counterUpdate(usageTable, dayKey(userId, counters.day.window), counters.day)],
    ['month', counterUpdate(usageTable, monthKey(userId, counters.month.window), counters.month)],
  ] as const satisfies NamedItems<'day' | 'month'>;

/** The charge's items: its usage record and its counters. */
export const chargeItems = (usageTable: string, charge: Charge) =>
  [['usage', usageRecordPut(usageTable, charge.userId, charge.usage)], ...counterItems(usageTable, charge.userId, charge)] as const;

/** Which counter refused a charge or a reservation, from their items' reasons; undefined when neither did. */
export const readChargeRefusal = (reasons: ReasonsByName<'day' | 'month'>): ChargeRefusal | undefined => {
  if (conditionFailed(reasons.day)) return 'daily_cap';
  if (conditionFailed(reasons.month)) return 'included_credits';
  return undefined;
};

/**
 * The record of an open reservation, put with the counters' increments: until its release deletes it, it says
 * which credits the counters hold for a bulk request, so that the reconciler can give back what a failed release
 * could not (reservation_day and reserved_at key the sparse open-reservations index).
 */
export const reservationPut = (usageTable: string, reservation: Reservation, reservedAt: Date): TransactItem => ({
  Put: {
    TableName: usageTable,
    Item: {
      ...reservationKey(reservation.userId, reservation.requestId),
      user_id: reservation.userId,
      request_id: reservation.requestId,
      credits: reservation.day.credits,
      day_window: reservation.day.window,
      day_expires_at: reservation.day.expiresAt,
      month_window: reservation.month.window,
      month_expires_at: reservation.month.expiresAt,
      reservation_day: reservation.day.window,
      reserved_at: reservedAt.toISOString(),
      expires_at: reservation.month.expiresAt,
    },
    ConditionExpression: ITEM_ABSENT,
  },
});

/** Closes a reservation: deleted once, so that its credits are given back once, whoever closes it. */
export const reservationDelete = (usageTable: string, reservation: Reservation): TransactItem => ({
  Delete: {
    TableName: usageTable,
    Key: reservationKey(reservation.userId, reservation.requestId),
    ConditionExpression: ITEM_PRESENT,
  },
});

/** Gives back part of a reservation and keeps it open for the rest: once, as long as it is open and holds that much. */
export const reservationShrink = (usageTable: string, reservation: Reservation, credits: number): TransactItem => ({
  Update: {
    TableName: usageTable,
    Key: reservationKey(reservation.userId, reservation.requestId),
    UpdateExpression: 'ADD credits :released',
    ConditionExpression: allOf(ITEM_PRESENT, 'credits >= :credits'),
    ExpressionAttributeValues: { ':released': -credits, ':credits': credits },
  },
});
