// `npm run migrate -- queue-index | held-at`: one-off passes over a deployed table's attributions, each paged,
// rate-bounded, resumable and idempotent: the sparse, sharded queue index's keys, and held_at for referrals held
// before it existed.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';
import type { DynamoDBDocumentClient } from '../../../functions/adapters/dynamodb-client.js';
import { backfilledHeldAt, createHoldBackfill } from '../../../functions/adapters/hold-backfill.js';
import { createQueuePlacer, type Placement, queueChange, scanAttributionPlacements } from '../../../functions/adapters/queue-placement.js';
import { defineCommand, UsageError } from '../runner.js';
import { resolveTable, TARGET_HELP, TARGET_OPTIONS, withTargetClient } from '../target.js';

const MIGRATE_USAGE = `usage:
  npm run migrate -- queue-index [--dry-run] [--rate <items/s>] [--resume <file>] [--max-items <n>] [target]
      gives every attribution in a listed status its queue_key (and takes it from any other), with conditional
      writes: safe to run again, and beside live traffic
  npm run migrate -- held-at [--not-before <ISO time>] [--dry-run] [--rate <items/s>] [--resume <file>] [--max-items <n>] [target]
      gives every referral held for review without held_at one: its created_at, the earliest it can have been held,
      or --not-before when later; conditional on its still being held without one, so safe to run again
  --rate <items/s>   how many items a second to read at most (default 500): the table serves the referral system too
  --resume <file>    where the scan stands: read on start, written after each page, removed once the scan is done
  --max-items <n>    stop after reading this many items (resume later with the same --resume file)
${TARGET_HELP}`;

export type MigrationReport = { read: number; attributions: number; written: number; current: number; moved: number; done: boolean };

/** One migration: what it writes for an attribution, and what a dry run says it would. */
type Migration = { place(item: Record<string, unknown>): Promise<Placement>; wouldWrite(item: Record<string, unknown>): boolean };

/**
 * Pages through the table (attribution items only, keys and the few fields the migrations read), handing each to
 * the migration, whose writes are conditioned on the status read: a status changed meanwhile, by a reject or by the
 * referral pipeline, is left to that change itself (the reject's transaction, or the queue indexer on the stream).
 */
export const migrateAttributions = async (
  client: DynamoDBDocumentClient,
  table: string,
  migration: Migration,
  options: { dryRun: boolean; rate: number; resume?: string; maxItems?: number; pageSize?: number },
): Promise<MigrationReport> => {
  const report: MigrationReport = { read: 0, attributions: 0, written: 0, current: 0, moved: 0, done: false };
  let start: Record<string, unknown> | undefined =
    options.resume && existsSync(options.resume) ? JSON.parse(readFileSync(options.resume, 'utf8')) : undefined;
  const pageSize = options.pageSize ?? 100;
  do {
    const began = Date.now();
    const page = await scanAttributionPlacements(client, table, {
      limit: Math.min(pageSize, options.maxItems === undefined ? pageSize : options.maxItems - report.read),
      ...(start ? { start } : {}),
    });
    report.read += page.scanned;
    for (const item of page.items) {
      report.attributions += 1;
      const outcome = options.dryRun ? (migration.wouldWrite(item) ? 'written' : 'current') : await migration.place(item);
      report[outcome] += 1;
    }
    start = page.next;
    if (options.resume && !options.dryRun) {
      if (start) writeFileSync(options.resume, JSON.stringify(start));
      else rmSync(options.resume, { force: true });
    }
    // At most `rate` items read a second: the rest of the second is waited out.
    await pause(Math.max(0, (page.scanned / options.rate) * 1000 - (Date.now() - began)));
  } while (start && (options.maxItems === undefined || report.read < options.maxItems));
  report.done = start === undefined;
  return report;
};

const MIGRATIONS: Record<string, (client: DynamoDBDocumentClient, table: string, notBefore?: string) => Migration> = {
  'queue-index': (client, table) => {
    const placer = createQueuePlacer(client, table);
    return { place: (item) => placer.place(item), wouldWrite: (item) => queueChange(item) !== undefined };
  },
  'held-at': (client, table, notBefore) => ({
    ...createHoldBackfill(client, table, notBefore),
    wouldWrite: (item) => backfilledHeldAt(item, notBefore) !== undefined,
  }),
};

const positive = (value: string | undefined, option: string, fallback?: number): number | undefined => {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d{0,7}$/.test(value)) throw new UsageError(`${option} must be a whole number from 1, not ${value}`);
  return Number(value);
};

const isoTime = (value: string | undefined, option: string): string | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`${option} must be an ISO time, not ${value}`);
  return new Date(value).toISOString();
};

export const migrateCommand = defineCommand({
  name: 'migrate',
  usage: MIGRATE_USAGE,
  positionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    rate: { type: 'string' },
    resume: { type: 'string' },
    'max-items': { type: 'string' },
    'not-before': { type: 'string' },
    ...TARGET_OPTIONS,
  },
  async run(invocation) {
    const { values, positionals, env, io, overrides } = invocation;
    const [command, ...rest] = positionals;
    const migration = command === undefined ? undefined : MIGRATIONS[command];
    if (!migration) throw new UsageError(`unknown migration ${command ?? '(none)'}`);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    if (values['not-before'] !== undefined && command !== 'held-at') throw new UsageError('--not-before is held-at only');
    const rate = positive(values.rate, '--rate', 500) as number;
    const maxItems = positive(values['max-items'], '--max-items');
    const notBefore = isoTime(values['not-before'], '--not-before');
    const table = await resolveTable(values, env, { output: 'ReferralsTableName', variable: 'REFERRALS_TABLE', local: 'referrals' });
    invocation.table = table;
    const report = await withTargetClient(
      env,
      (client) =>
        migrateAttributions(client, table, migration(client, table, notBefore), {
          dryRun: values['dry-run'],
          rate,
          ...(values.resume ? { resume: values.resume } : {}),
          ...(maxItems ? { maxItems } : {}),
          ...(overrides.pageSize ? { pageSize: overrides.pageSize } : {}),
        }),
      overrides.client,
    );
    io.out(
      `${values['dry-run'] ? 'dry run: ' : ''}read ${report.read} items, ${report.attributions} attributions: ` +
        `${report.written} ${values['dry-run'] ? 'to write' : 'written'}, ${report.current} already current, ` +
        `${report.moved} changed status meanwhile (left to that change); ${report.done ? 'done' : 'stopped: run again with the same --resume file'}`,
    );
    return 0;
  },
});
