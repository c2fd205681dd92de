// After an outage the reconciler meets a backlog: 2,000 stale open reservations over 50 accounts, closed in one pass of
// the deployed function, within its timeout, the counters back to the usage records (none: every credit unused).
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dayKey, monthKey, reservationPut } from '../../functions/adapters/usage-table.js';
import { createReconcilerDeps } from '../../functions/handlers/reconciler/dependencies.js';
import { createHandler as createReconcilerHandler } from '../../functions/handlers/reconciler/handler.js';
import { createObservability } from '../../functions/shared/observability.js';
import { RECONCILER_TIMEOUT_SECONDS } from '../../lib/runtime-settings.js';
import { context } from '../support/lambda.js';
import { accountItems, db, tables, uniqueId } from '../support/table-records.js';

const ACCOUNTS = 50;
const PER_ACCOUNT = 40;

describe('the reconciler after an outage', () => {
  it('closes 2,000 stale reservations of 50 accounts in one pass, within its timeout', async () => {
    const reservedAt = new Date(Date.now() - 10 * 60_000);
    const day = reservedAt.toISOString().slice(0, 10);
    const month = day.slice(0, 7);
    const users = Array.from({ length: ACCOUNTS }, () => uniqueId('backlog'));
    const items = users.flatMap((userId) =>
      Array.from(
        { length: PER_ACCOUNT },
        (_, index) =>
          reservationPut(
            tables.usage,
            {
              userId,
              requestId: `req-${index}`,
              day: { window: day, credits: 3, ceiling: null, expiresAt: 4_000_000_000 },
              month: { window: month, credits: 3, ceiling: null, expiresAt: 4_000_000_000 },
            },
            reservedAt,
          ).Put?.Item as Record<string, unknown>,
      ),
    );
    for (let offset = 0; offset < items.length; offset += 25)
      await db.send(
        new BatchWriteCommand({
          RequestItems: { [tables.usage]: items.slice(offset, offset + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    // The counters hold what was reserved, as the reservations' own transactions left them.
    for (const userId of users)
      for (const key of [dayKey(userId, day), monthKey(userId, month)])
        await db.send(new PutCommand({ TableName: tables.usage, Item: { ...key, credits: 3 * PER_ACCOUNT, expires_at: 4_000_000_000 } }));

    const handler = createReconcilerHandler(createReconcilerDeps(), createObservability());
    const timeoutMs = RECONCILER_TIMEOUT_SECONDS * 1000;
    const started = Date.now();
    const report = await handler({}, context({ getRemainingTimeInMillis: () => timeoutMs - (Date.now() - started) }));
    const tookMs = Date.now() - started;
    console.info(`reconciler backlog: ${report.closed} reservations closed in ${tookMs} ms (timeout ${timeoutMs} ms)`);

    // This run's accounts only: other tests may leave stale reservations of their own.
    expect(report.unfinished).toBe(false);
    expect(report.closed).toBeGreaterThanOrEqual(ACCOUNTS * PER_ACCOUNT);
    expect(tookMs).toBeLessThan(timeoutMs);
    for (const userId of users) {
      expect((await accountItems(userId)).filter((item) => String(item.sk).startsWith('reservation#'))).toEqual([]);
      for (const key of [dayKey(userId, day), monthKey(userId, month)])
        expect((await db.send(new GetCommand({ TableName: tables.usage, Key: key, ConsistentRead: true }))).Item?.credits).toBe(0);
    }
  }, 180_000);
});
