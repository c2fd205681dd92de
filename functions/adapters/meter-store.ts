// DynamoDB access for metering: the atomic per-minute request counter, the month's credits, and a charge on its own.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CounterIncrement, CreditReservations, MeterStore } from '../billing/ports.js';
import { anyOf } from './conditions.js';
import { callDynamo } from './dynamodb-errors.js';
import { conditionFailed, transactWrite } from './transact.js';
import {
  chargeItems,
  counterItems,
  monthKey,
  rateKey,
  readChargeRefusal,
  reservationDelete,
  reservationPut,
  reservationShrink,
} from './usage-table.js';

export const createMeterStore = (
  client: DynamoDBDocumentClient,
  tables: { usage: string },
  now: () => Date = () => new Date(),
): MeterStore & CreditReservations => ({
  async countRequest(userId, window, limit, expiresAt) {
    try {
      const result = await callDynamo(() =>
        client.send(
          new UpdateCommand({
            TableName: tables.usage,
            Key: rateKey(userId, window),
            UpdateExpression: 'ADD hits :one SET expires_at = :expires_at',
            // Under the limit, or the minute's first request.
            ConditionExpression: anyOf('attribute_not_exists(hits)', 'hits < :limit'),
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires_at': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return { admitted: true, used: Number(result.Attributes?.hits) };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { admitted: false, used: limit };
      throw error;
    }
  },

  async readMonthCredits(userId, window) {
    const result = await callDynamo(() =>
      client.send(new GetCommand({ TableName: tables.usage, Key: monthKey(userId, window), ConsistentRead: true })),
    );
    return Number(result.Item?.credits ?? 0);
  },

  async reserve(reservation, budget) {
    const outcome = await transactWrite(
      client,
      [['reservation', reservationPut(tables.usage, reservation, now())], ...counterItems(tables.usage, reservation.userId, reservation)],
      { identity: `reserve#${reservation.requestId}`, budget },
    );
    if (outcome.committed) return { reserved: true };
    return { reserved: false, refusal: readChargeRefusal(outcome.reasons) ?? 'contention' };
  },

  async release(reservation, credits, budget, options = { close: true }) {
    // The reservation's record deleted, under the condition that it is still there, with the unused credits taken
    // off both counters (no ceiling: giving back never needs room). Whoever closes it first gives the credits back;
    // a resend or a second closer finds it gone. Other requests' transactions on the same counters only delay it:
    // it is retried on contention until the budget's deadline.
    const giveBack = (counter: CounterIncrement) => ({ ...counter, credits: -credits, ceiling: null });
    const outcome = await transactWrite(
      client,
      [
        [
          'reservation',
          options.close ? reservationDelete(tables.usage, reservation) : reservationShrink(tables.usage, reservation, credits),
        ],
        ...(credits > 0
          ? counterItems(tables.usage, reservation.userId, { day: giveBack(reservation.day), month: giveBack(reservation.month) })
          : []),
      ],
      { identity: `release#${reservation.requestId}`, budget, contentionUntilDeadline: true },
    );
    if (outcome.committed) return 'released';
    if (conditionFailed(outcome.reasons.reservation)) return 'already_released';
    throw new Error('releasing reserved credits was cancelled');
  },

  async commitCharge(charge, budget) {
    const outcome = await transactWrite(client, chargeItems(tables.usage, charge), {
      identity: `charge#${charge.usage.request_id}`,
      budget,
    });
    if (outcome.committed) return outcome;
    return { committed: false, refusal: readChargeRefusal(outcome.reasons) ?? 'contention' };
  },
});
