// The queue index backfill on a table of the old layout, with rejects running beside it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { attributionItem, isQueued, QUEUE_KEY, queueKey, queueShard } from '../../functions/adapters/referrals-table.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createHandler as createRejectHandler } from '../../functions/handlers/reject-referral/handler.js';
import { createDecisionDeps } from '../../functions/handlers/review/dependencies.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createListHandler } from '../../functions/handlers/review-queue/list-handler.js';
import type { Attribution, AttributionStatus } from '../../functions/referrals/attribution.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { migrateCommand } from '../../tools/cli/commands/migrate.js';
import { runCommand } from '../../tools/cli/runner.js';
import { checkedGateway, rejectRequest, walkQueue, withKey } from '../support/api.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { db, givenApiKey, uniqueId } from '../support/table-records.js';

const ITEMS = 3_000;
const STATUSES: AttributionStatus[] = ['review_required', 'review_required', 'rejected', 'attributed', 'qualified', 'rewarded'];

/** An attribution as the old layout stored it: queue_order on every item, no queue_key. */
const oldItem = (attribution: Attribution) => {
  const { [QUEUE_KEY]: _key, ...item } = attributionItem(attribution) as Record<string, unknown>;
  return item;
};

describe('npm run migrate -- queue-index', () => {
  it('gives a table of the old layout its queue keys, resumably and idempotently, while rejects run beside it', async () => {
    const tables = { ...LOCAL_TABLE_NAMES, referrals: `referrals-migrate-${uniqueId('t')}` };
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, tables);
    const attributions = Array.from(
      { length: ITEMS },
      (_, index): Attribution => ({
        id: `m-${String(index).padStart(5, '0')}`,
        status: STATUSES[index % STATUSES.length] as AttributionStatus,
        created_at: new Date(Date.UTC(2026, 9, 1) + index * 60_000).toISOString(),
        referrer_user_id: 'user-referrer',
      }),
    );
    for (let offset = 0; offset < ITEMS; offset += 250) {
      await Promise.all(
        Array.from({ length: 10 }, (_, batch) => attributions.slice(offset + batch * 25, offset + batch * 25 + 25)).map((chunk) =>
          chunk.length
            ? db.send(
                new BatchWriteCommand({ RequestItems: { [tables.referrals]: chunk.map((a) => ({ PutRequest: { Item: oldItem(a) } })) } }),
              )
            : undefined,
        ),
      );
    }
    const env = { ...process.env, REFERRALS_TABLE: tables.referrals };
    const gateway = checkedGateway({
      authorizer: createAuthorizerHandler(createAuthorizerDeps()),
      functions: {
        rejectReferral: createRejectHandler(createDecisionDeps(env)),
        listReferrals: createListHandler(createReviewQueueDeps(env)),
      },
    });
    const admin = await givenApiKey({ plan: 'enterprise' });
    const resume = path.join(mkdtempSync(path.join(tmpdir(), 'migrate-')), 'queue-index.json');
    const out: string[] = [];
    const migrate = (...argv: string[]) =>
      runCommand(
        migrateCommand,
        ['queue-index', '--rate', '100000', ...argv],
        { out: (line) => out.push(line), err: (line) => out.push(line) },
        { ...env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT },
        { client: db },
      );

    // A dry run writes nothing.
    expect(await migrate('--dry-run')).toBe(0);
    expect(out.at(-1)).toMatch(new RegExp(`^dry run: read ${ITEMS} items, ${ITEMS} attributions: 1500 to write, 1500 already current`));

    // The first part of the scan, with 40 rejects of held referrals beside it, then the rest from where it stopped.
    const held = attributions.filter((a) => a.status === 'review_required').slice(0, 40);
    const [first, rejects] = await Promise.all([
      migrate('--resume', resume, '--max-items', '1200'),
      Promise.all(held.map((a) => rejectRequest(a.id, { headers: withKey(admin.key), gateway }))),
    ]);
    expect(first).toBe(0);
    expect(out.at(-1)).toMatch(/stopped: run again with the same --resume file$/);
    expect(rejects.map((response) => response.status)).toEqual(held.map(() => 200));
    expect(await migrate('--resume', resume)).toBe(0);
    expect(out.at(-1)).toMatch(/; done$/);
    // Run again from the start: everything is current (the rejects added an activity item each).
    expect(await migrate()).toBe(0);
    expect(out.at(-1)).toBe(
      `read ${ITEMS + held.length} items, ${ITEMS} attributions: 0 written, ${ITEMS} already current, 0 changed status meanwhile (left to that change); done`,
    );
    console.info(`migration: ${out.join(' | ')}`);

    // Every attribution holds the key its status calls for: listed ones in their shard, the others none.
    const stored = new Map<string, Record<string, unknown>>();
    for await (const page of paginateScan({ client: db }, { TableName: tables.referrals })) {
      for (const item of page.Items ?? []) if (item.sk === 'attribution') stored.set(String(item.pk), item);
    }
    expect(stored.size).toBe(ITEMS);
    for (const item of stored.values()) {
      const status = String(item.status);
      expect(item[QUEUE_KEY], String(item.pk)).toBe(isQueued(status) ? queueKey(status, queueShard(String(item.pk))) : undefined);
    }

    // And the queue lists them, oldest first, none missing.
    const expected = (status: string) =>
      [...stored.values()]
        .filter((item) => item.status === status)
        .map((item) => String(item.pk))
        .sort();
    expect(await walkQueue('review_required', { headers: withKey(admin.key), gateway })).toEqual(expected('review_required'));
    expect(await walkQueue('rejected', { headers: withKey(admin.key), gateway })).toEqual(expected('rejected'));
    expect(expected('rejected')).toHaveLength(500 + 40);
  }, 300_000);

  it('leaves an attribution whose status changed between the scan and its placement to that change', async () => {
    const tables = { ...LOCAL_TABLE_NAMES, referrals: `referrals-migrate-${uniqueId('t')}` };
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, tables);
    const created_at = '2026-10-01T00:00:00.000Z';
    const held = ['m-rewarded', 'm-rejected', 'm-still-held'].map((id): Attribution => ({ id, status: 'review_required', created_at }));
    await db.send(new BatchWriteCommand({ RequestItems: { [tables.referrals]: held.map((a) => ({ PutRequest: { Item: oldItem(a) } })) } }));
    const scanning = instrumentedClient();
    // Once the scan's page is read, and before anything is placed: the pipeline rewards one (its write carries no
    // queue key) and a reject moves another to the rejected queue (its transaction moves the key itself).
    const move = (id: string, status: string, key?: string) =>
      db.send(
        new UpdateCommand({
          TableName: tables.referrals,
          Key: { pk: id, sk: 'attribution' },
          UpdateExpression: `SET #status = :status${key ? ', #key = :key' : ''}`,
          ExpressionAttributeNames: { '#status': 'status', ...(key ? { '#key': QUEUE_KEY } : {}) },
          ExpressionAttributeValues: { ':status': status, ...(key ? { ':key': key } : {}) },
        }),
      );
    scanning.interleave({
      command: 'ScanCommand',
      times: 1,
      after: async () => {
        await move('m-rewarded', 'rewarded');
        await move('m-rejected', 'rejected', queueKey('rejected', queueShard('m-rejected')));
      },
    });
    const out: string[] = [];

    const code = await runCommand(
      migrateCommand,
      ['queue-index', '--rate', '100000'],
      { out: (line) => out.push(line), err: (line) => out.push(line) },
      { ...process.env, REFERRALS_TABLE: tables.referrals, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT },
      { client: scanning.client },
    );

    expect(code).toBe(0);
    expect(out.at(-1)).toBe(
      'read 3 items, 3 attributions: 1 written, 0 already current, 2 changed status meanwhile (left to that change); done',
    );
    const keys = new Map<string, unknown>();
    for await (const page of paginateScan({ client: db }, { TableName: tables.referrals, ConsistentRead: true })) {
      for (const item of page.Items ?? []) keys.set(String(item.pk), [item.status, item[QUEUE_KEY]]);
    }
    expect(Object.fromEntries(keys)).toEqual({
      'm-rewarded': ['rewarded', undefined],
      'm-rejected': ['rejected', queueKey('rejected', queueShard('m-rejected'))],
      'm-still-held': ['review_required', queueKey('review_required', queueShard('m-still-held'))],
    });
  });

  it('refuses an unknown migration or a bad rate with a usage line', async () => {
    for (const argv of [['other-index'], ['queue-index', '--rate', '0'], ['queue-index', '--max-items', 'x']]) {
      const err: string[] = [];
      expect(await runCommand(migrateCommand, argv, { out: () => undefined, err: (line) => err.push(line) }, {}), argv.join(' ')).toBe(2);
      expect(err.join('\n')).toContain('usage:');
    }
  });
});
