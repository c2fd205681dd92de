// The held_at backfill on a table whose held referrals predate held_at: paged, resumable, and idempotent (a second
// run changes nothing), leaving a referral that left review meanwhile as it is.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchWriteCommand, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { attributionItem } from '../../functions/adapters/referrals-table.js';
import type { Attribution, AttributionStatus } from '../../functions/referrals/attribution.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { migrateCommand } from '../../tools/cli/commands/migrate.js';
import { runCommand } from '../../tools/cli/runner.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { db, uniqueId } from '../support/table-records.js';

const ITEMS = 600;
const STATUSES: AttributionStatus[] = ['review_required', 'review_required', 'rejected', 'attributed', 'rewarded', 'review_required'];

const newTable = async () => {
  const tables = { ...LOCAL_TABLE_NAMES, referrals: `referrals-held-at-${uniqueId('t')}` };
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, tables);
  return tables.referrals;
};

const put = async (table: string, attributions: Attribution[]) => {
  for (let offset = 0; offset < attributions.length; offset += 25)
    await db.send(
      new BatchWriteCommand({
        RequestItems: { [table]: attributions.slice(offset, offset + 25).map((a) => ({ PutRequest: { Item: attributionItem(a) } })) },
      }),
    );
};

const everything = async (table: string) => {
  const items = new Map<string, Record<string, unknown>>();
  for await (const page of paginateScan({ client: db }, { TableName: table, ConsistentRead: true }))
    for (const item of page.Items ?? []) items.set(`${item.pk} ${item.sk}`, item);
  return items;
};

const migrate = (table: string, argv: string[], out: string[], client = db) =>
  runCommand(
    migrateCommand,
    ['held-at', '--rate', '100000', ...argv],
    { out: (line) => out.push(line), err: (line) => out.push(line) },
    { ...process.env, REFERRALS_TABLE: table, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT },
    { client },
  );

describe('npm run migrate -- held-at', () => {
  it('gives every held referral without held_at its created_at, resumably, and a second run changes nothing', async () => {
    const table = await newTable();
    const attributions = Array.from({ length: ITEMS }, (_, index): Attribution => {
      const status = STATUSES[index % STATUSES.length] as AttributionStatus;
      return {
        id: `h-${String(index).padStart(4, '0')}`,
        status,
        created_at: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
        // Every sixth referral was held by the indexer already: its held_at stays.
        ...(index % 6 === 5 ? { held_at: '2026-12-01T00:00:00.000Z' } : {}),
      };
    });
    await put(table, attributions);
    const toWrite = attributions.filter((a) => a.status === 'review_required' && a.held_at === undefined);
    expect(toWrite).toHaveLength(200);
    const resume = path.join(mkdtempSync(path.join(tmpdir(), 'held-at-')), 'held-at.json');
    const out: string[] = [];

    expect(await migrate(table, ['--dry-run'], out)).toBe(0);
    expect(out.at(-1)).toBe(
      `dry run: read ${ITEMS} items, ${ITEMS} attributions: 200 to write, 400 already current, 0 changed status meanwhile (left to that change); done`,
    );
    expect(await migrate(table, ['--resume', resume, '--max-items', '250'], out)).toBe(0);
    expect(out.at(-1)).toMatch(/stopped: run again with the same --resume file$/);
    expect(await migrate(table, ['--resume', resume], out)).toBe(0);
    expect(out.at(-1)).toMatch(/; done$/);

    const after = await everything(table);
    for (const attribution of attributions) {
      const expected = attribution.status === 'review_required' ? (attribution.held_at ?? attribution.created_at) : undefined;
      expect(after.get(`${attribution.id} attribution`)?.held_at, attribution.id).toBe(expected);
    }

    expect(await migrate(table, [], out)).toBe(0);
    expect(out.at(-1)).toBe(
      `read ${ITEMS} items, ${ITEMS} attributions: 0 written, ${ITEMS} already current, 0 changed status meanwhile (left to that change); done`,
    );
    expect(await everything(table)).toEqual(after);
  }, 120_000);

  it('takes --not-before when it is later than created_at, and leaves a referral that left review meanwhile', async () => {
    const table = await newTable();
    await put(table, [
      { id: 'h-old', status: 'review_required', created_at: '2026-10-01T00:00:00.000Z' },
      { id: 'h-new', status: 'review_required', created_at: '2026-12-05T00:00:00.000Z' },
      { id: 'h-decided', status: 'review_required', created_at: '2026-10-01T00:00:00.000Z' },
    ]);
    const scanning = instrumentedClient();
    // Once the scan's page is read, and before anything is written: a reviewer rejects one.
    scanning.interleave({
      command: 'ScanCommand',
      times: 1,
      after: async () => {
        await db.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: 'h-decided', sk: 'attribution' },
            UpdateExpression: 'SET #status = :rejected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':rejected': 'rejected' },
          }),
        );
      },
    });
    const out: string[] = [];

    expect(await migrate(table, ['--not-before', '2026-11-15T00:00:00Z'], out, scanning.client)).toBe(0);

    expect(out.at(-1)).toBe(
      'read 3 items, 3 attributions: 2 written, 0 already current, 1 changed status meanwhile (left to that change); done',
    );
    const after = await everything(table);
    expect(after.get('h-old attribution')?.held_at).toBe('2026-11-15T00:00:00.000Z');
    expect(after.get('h-new attribution')?.held_at).toBe('2026-12-05T00:00:00.000Z');
    expect(after.get('h-decided attribution')).not.toHaveProperty('held_at');
  });

  it('refuses --not-before that is not an ISO time, or on another migration', async () => {
    for (const argv of [
      ['held-at', '--not-before', 'yesterday'],
      ['queue-index', '--not-before', '2026-11-15T00:00:00Z'],
    ]) {
      const err: string[] = [];
      expect(await runCommand(migrateCommand, argv, { out: () => undefined, err: (line) => err.push(line) }, {}), argv.join(' ')).toBe(2);
      expect(err.join('\n')).toContain('usage:');
    }
  });
});
