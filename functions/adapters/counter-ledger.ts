// DynamoDB access for the reconciler: open reservations through their sparse index, and a request's charged credits.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COUNTER_MARGIN_SECONDS } from '../billing/charge.js';
import type { CounterKind, CounterLedger, OpenReservation } from '../billing/reconcile.js';
import { counterExpiry, dayWindow, monthWindow } from '../billing/windows.js';
import { callDynamo } from './dynamodb-errors.js';
import { batchGetConsistent, queryItems, queryPages, settledBatchRead } from './items.js';
import { accountKey, dayKey, monthKey, OPEN_RESERVATIONS_INDEX, RESERVATION_PREFIX, reservationOf, USAGE_PREFIX } from './usage-table.js';

type ReservationItem = {
  user_id: string;
  request_id: string;
  credits: number;
  day_window: string;
  day_expires_at: number;
  month_window: string;
  month_expires_at: number;
  reserved_at: string;
};

/** The record as the release takes it: the counters' windows and expiries, credits given back without a ceiling. */
export const toOpenReservation = (item: ReservationItem): OpenReservation => ({
  reservation: {
    userId: item.user_id,
    requestId: item.request_id,
    day: { window: item.day_window, credits: Number(item.credits), ceiling: null, expiresAt: Number(item.day_expires_at) },
    month: { window: item.month_window, credits: Number(item.credits), ceiling: null, expiresAt: Number(item.month_expires_at) },
  },
  credits: Number(item.credits),
  reservedAt: new Date(item.reserved_at),
});

const counterKeys = { day: dayKey, month: monthKey };

/** Stale reservations read a page at a time, one consistent batch read a page: BatchGetItem's own limit. */
const STALE_PAGE_SIZE = 100;

/** A counter's expiry, as a charge in its window sets it. */
const counterExpiryOf = (kind: CounterKind, window: string): number => {
  const start = new Date(kind === 'day' ? `${window}T00:00:00Z` : `${window}-01T00:00:00Z`);
  return counterExpiry(kind === 'day' ? dayWindow(start) : monthWindow(start), COUNTER_MARGIN_SECONDS[kind]);
};

export const createCounterLedger = (client: DynamoDBDocumentClient, tables: { usage: string }): CounterLedger => ({
  async *staleOpen(days, before, deadline) {
    for (const day of days) {
      // Only what is stale, by the index's sort key: young reservations are not read at all.
      for await (const keys of queryPages(
        client,
        {
          TableName: tables.usage,
          IndexName: OPEN_RESERVATIONS_INDEX,
          KeyConditionExpression: 'reservation_day = :day AND reserved_at <= :before',
          ExpressionAttributeValues: { ':day': day, ':before': before.toISOString() },
        },
        STALE_PAGE_SIZE,
      )) {
        if (keys.length === 0) continue;
        // The index is eventually consistent and keys only: the records themselves, read consistently in one batch,
        // say what is still open. Keys left unread are named, never taken for closed.
        const { items, unread } = await settledBatchRead(
          batchGetConsistent(
            client,
            tables.usage,
            keys.map((key) => ({ pk: key.pk, sk: key.sk })),
            { deadline },
          ),
        );
        yield { open: items.map((item) => toOpenReservation(item as ReservationItem)), unread: unread.map(reservationOf) };
      }
    }
  },

  async chargedCredits(userId, requestId) {
    const records = await queryItems(client, {
      TableName: tables.usage,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKey(userId), ':prefix': `${USAGE_PREFIX}${requestId}#` },
      ProjectionExpression: 'credits',
      ConsistentRead: true,
    });
    return records.reduce((sum, record) => sum + Number(record.credits), 0);
  },

  async chargedIn(userId, window) {
    const records = await queryItems(client, {
      TableName: tables.usage,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'begins_with(created_at, :window)',
      ExpressionAttributeValues: { ':pk': accountKey(userId), ':prefix': USAGE_PREFIX, ':window': window },
      ProjectionExpression: 'credits',
      ConsistentRead: true,
    });
    return records.reduce((sum, record) => sum + Number(record.credits), 0);
  },

  async openOf(userId) {
    const items = await queryItems(client, {
      TableName: tables.usage,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': accountKey(userId), ':prefix': RESERVATION_PREFIX },
      ConsistentRead: true,
    });
    return items.map((item) => toOpenReservation(item as ReservationItem));
  },

  async readCounter(userId, kind, window) {
    const { Item } = await callDynamo(() =>
      client.send(new GetCommand({ TableName: tables.usage, Key: counterKeys[kind](userId, window), ConsistentRead: true })),
    );
    return Item === undefined ? undefined : Number(Item.credits);
  },

  async setCounter(userId, kind, window, credits, observed) {
    try {
      await callDynamo(() =>
        client.send(
          new UpdateCommand({
            TableName: tables.usage,
            Key: counterKeys[kind](userId, window),
            UpdateExpression: 'SET credits = :credits, expires_at = if_not_exists(expires_at, :expires_at)',
            ConditionExpression: observed === undefined ? 'attribute_not_exists(credits)' : 'credits = :observed',
            ExpressionAttributeValues: {
              ':credits': credits,
              ':expires_at': counterExpiryOf(kind, window),
              ...(observed === undefined ? {} : { ':observed': observed }),
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
});
