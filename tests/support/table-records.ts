// Records put in and read from the shared DynamoDB Local for a test, each under a unique id, so tests run in any order
// and in parallel.

import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { attributionItemKey, HOLD_PREFIX, REWARD_SK_PREFIX } from '../../functions/adapters/referrals-table.js';
import { type ApiKeySeed, createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { accountKey, USAGE_PREFIX } from '../../functions/adapters/usage-table.js';
import { generateApiKey } from '../../functions/auth/api-key.js';
import { dayWindow, monthWindow } from '../../functions/billing/windows.js';
import type { Attribution, Reward } from '../../functions/referrals/attribution.js';
import type { PlanName } from '../../functions/shared/plan-names.js';
import { signConsoleToken, type TokenOptions } from '../../local/console-jwks.js';
import { LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { times } from './times.js';

export const db = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
export const tables = LOCAL_TABLE_NAMES;
export const seed = createSeedWriter(db, tables);

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 12)}`;

export const givenAttribution = async (overrides: Partial<Attribution> = {}): Promise<Attribution> => {
  const attribution: Attribution = {
    id: uniqueId('attr'),
    status: 'review_required',
    code: 'A1B2C3D4E5F6',
    referrer_user_id: 'user-referrer',
    referred_user_id: 'user-referred',
    review_reason: 'same_stripe_customer',
    risk_flags: ['same_stripe_customer'],
    created_at: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
  await seed.putAttribution(attribution);
  return attribution;
};

export const givenReward = async (attributionId: string, overrides: Partial<Reward> = {}): Promise<Reward> => {
  const reward: Reward = {
    id: uniqueId('reward'),
    attribution_id: attributionId,
    role: 'referrer',
    credits: 10_000,
    user_id: 'user-referrer',
    ...overrides,
  };
  await seed.putReward(reward);
  return reward;
};

/**
 * Another writer (the referral pipeline) moves an attribution on with an UpdateItem: the status (and any fields of its
 * own, such as the fraud checks' findings), no queue attribute.
 */
export const givenStatusWritten = (id: string, status: string, table: string = tables.referrals, fields: Record<string, unknown> = {}) =>
  db.send(
    new UpdateCommand({
      TableName: table,
      Key: attributionItemKey(id),
      UpdateExpression: `SET ${['#status = :status', ...Object.keys(fields).map((_, index) => `#f${index} = :f${index}`)].join(', ')}`,
      ExpressionAttributeNames: {
        '#status': 'status',
        ...Object.fromEntries(Object.keys(fields).map((name, index) => [`#f${index}`, name])),
      },
      ExpressionAttributeValues: {
        ':status': status,
        ...Object.fromEntries(Object.values(fields).map((value, index) => [`:f${index}`, value])),
      },
    }),
  );

/** A credit reservation a bulk request left open `ageMs` ago, as its record holds it. */
export const givenOpenReservation = (userId: string, requestId: string, { credits = 2, ageMs }: { credits?: number; ageMs: number }) => {
  const now = new Date();
  return db.send(
    new PutCommand({
      TableName: tables.usage,
      Item: {
        pk: accountKey(userId),
        sk: `reservation#${requestId}`,
        user_id: userId,
        request_id: requestId,
        credits,
        day_window: dayWindow(now).id,
        day_expires_at: 4_000_000_000,
        month_window: monthWindow(now).id,
        month_expires_at: 4_000_000_000,
        reservation_day: dayWindow(now).id,
        reserved_at: new Date(now.getTime() - ageMs).toISOString(),
      },
    }),
  );
};

export type TestKey = { key: string; userId: string; keyId: string };

export const givenApiKey = async (overrides: Partial<Omit<ApiKeySeed, 'key'>> & { plan?: PlanName } = {}): Promise<TestKey> => {
  const key = generateApiKey();
  const record = await seed.putApiKey({ key, userId: uniqueId('admin'), plan: 'enterprise', admin: true, ...overrides });
  return { key, userId: record.user_id, keyId: record.key_id };
};

export const storedAttribution = async (id: string): Promise<Record<string, unknown> | undefined> =>
  (await db.send(new GetCommand({ TableName: tables.referrals, Key: attributionItemKey(id), ConsistentRead: true }))).Item;

/** The items stored under an attribution whose sort key starts with `prefix`, in sort key order, read consistently. */
const itemsUnder = async (attributionId: string, prefix: string, table: string = tables.referrals): Promise<Record<string, unknown>[]> =>
  (
    await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': attributionId, ':prefix': prefix },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** Every reward item stored under an attribution, as stored. */
export const storedRewards = (attributionId: string) => itemsUnder(attributionId, REWARD_SK_PREFIX);

/** The audit trail of an attribution: its activity items, oldest first. */
export const activityOf = (attributionId: string, table: string = tables.referrals) => itemsUnder(attributionId, 'activity#', table);

/** The holds of an attribution, one a stay in review, oldest first. */
export const holdsOf = (attributionId: string, table: string = tables.referrals) => itemsUnder(attributionId, HOLD_PREFIX, table);

export const usageRecordsOf = async (userId: string): Promise<Record<string, unknown>[]> =>
  (
    await db.send(
      new QueryCommand({
        TableName: tables.usage,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': accountKey(userId), ':prefix': USAGE_PREFIX },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** Everything stored for an account: usage records, counters and idempotency records. */
export const accountItems = async (userId: string): Promise<Record<string, unknown>[]> =>
  (
    await db.send(
      new QueryCommand({
        TableName: tables.usage,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accountKey(userId) },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** The account's counters, usage records and open credit reservations: what billing sees. */
export const billingOf = async (userId: string) => {
  const items = await accountItems(userId);
  const usage = items.filter((item) => String(item.sk).startsWith('usage#'));
  return {
    day: Number(items.find((item) => String(item.sk).startsWith('day#'))?.credits ?? 0),
    month: Number(items.find((item) => String(item.sk).startsWith('month#'))?.credits ?? 0),
    usage,
    charged: usage.reduce((sum, item) => sum + Number(item.credits), 0),
    open: items.filter((item) => String(item.sk).startsWith('reservation#')),
  };
};

/** The ids of n new attributions held for review. */
export const heldReferrals = (n: number): Promise<string[]> =>
  times(n, () => givenAttribution()).then((attributions) => attributions.map((item) => item.id));

/** The stored status of each attribution, in order (undefined where there is none). */
export const statusesOf = (ids: string[]): Promise<unknown[]> => Promise.all(ids.map(async (id) => (await storedAttribution(id))?.status));

/** What billingOf finds for an account charged nothing: no counter, no usage record, no open reservation. */
export const NOTHING_BILLED = { day: 0, month: 0, usage: [], charged: 0, open: [] };

export const consoleToken = (options: Partial<TokenOptions> = {}): Promise<string> =>
  signConsoleToken(inject('consolePrivateJwk'), { subject: uniqueId('console-admin'), role: 'admin', ...options });

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
