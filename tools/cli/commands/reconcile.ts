// `npm run reconcile`: closes the credit reservations bulk requests left open, or recomputes an account's counters.
import { createCounterLedger } from '../../../functions/adapters/counter-ledger.js';
import { createMeterStore } from '../../../functions/adapters/meter-store.js';
import {
  type CounterKind,
  recentDays,
  recomputeCounter,
  reconcileReservations,
  STALE_AFTER_MS,
} from '../../../functions/billing/reconcile.js';
import { defineCommand, UsageError } from '../runner.js';
import { resolveTable, TARGET_HELP, TARGET_OPTIONS, withTargetClient } from '../target.js';

const RECONCILE_USAGE = `usage:
  npm run reconcile -- [--days <n>] [--stale-after <seconds>] [--account <user id>] [target]
      closes the reservations of the last n days (default 2) open for longer than the given time (default ${STALE_AFTER_MS / 1000}),
      of every account or of one
  npm run reconcile -- recompute --account <user id> [--day <YYYY-MM-DD>] [--month <YYYY-MM>] [target]
      sets the account's day and month counters (default: today's) to what its usage records and open reservations hold
${TARGET_HELP}`;

const positiveInteger = (value: string | undefined, option: string, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value)) throw new UsageError(`${option} must be a whole number, not ${value}`);
  return Number(value);
};

const windowOption = (value: string | undefined, option: string, pattern: RegExp, fallback: string): string => {
  if (value === undefined) return fallback;
  if (!pattern.test(value)) throw new UsageError(`${option} must look like ${fallback}, not ${value}`);
  return value;
};

/** Exits 1 when a reservation was left open, or the pass ended (out of time, or some unread) with more to close. */
export const reconcileCommand = defineCommand({
  name: 'reconcile',
  usage: RECONCILE_USAGE,
  positionals: true,
  options: {
    days: { type: 'string' },
    'stale-after': { type: 'string' },
    account: { type: 'string' },
    day: { type: 'string' },
    month: { type: 'string' },
    ...TARGET_OPTIONS,
  },
  async run(invocation) {
    const { values, positionals, env, io, overrides } = invocation;
    const [command, ...rest] = positionals;
    if (command !== undefined && command !== 'recompute') throw new UsageError(`unknown command ${command}`);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const now = (overrides.now ?? (() => new Date()))();
    const recompute = command === 'recompute';
    if (recompute && !values.account) throw new UsageError('recompute needs --account <user id>');
    if (!recompute && (values.day || values.month)) throw new UsageError('--day and --month go with recompute');
    const days = positiveInteger(values.days, '--days', 2);
    const staleAfterSeconds = positiveInteger(values['stale-after'], '--stale-after', STALE_AFTER_MS / 1000);
    const counters: [CounterKind, string][] = [
      ['day', windowOption(values.day, '--day', /^\d{4}-\d{2}-\d{2}$/, now.toISOString().slice(0, 10))],
      ['month', windowOption(values.month, '--month', /^\d{4}-\d{2}$/, now.toISOString().slice(0, 7))],
    ];

    const table = await resolveTable(values, env, { output: 'UsageTableName', variable: 'USAGE_TABLE', local: 'usage' });
    invocation.table = table;
    return withTargetClient(
      env,
      async (client) => {
        const ledger = createCounterLedger(client, { usage: table });
        if (recompute) {
          for (const [kind, window] of counters) {
            const { before, after } = await recomputeCounter(ledger, { userId: values.account as string, kind, window });
            io.out(`${kind} ${window}: ${before} → ${after} credits`);
          }
          return 0;
        }
        const report = await reconcileReservations(
          {
            ledger,
            meter: createMeterStore(client, { usage: table }),
            now: overrides.now ?? (() => new Date()),
            log: { warn: (message) => io.err(message) },
          },
          {
            days: recentDays(now, days),
            ...(values.account ? { userId: values.account } : {}),
            staleAfterMs: staleAfterSeconds * 1000,
            budget: { deadline: Date.now() + 5 * 60_000, log: { warn: () => undefined } },
          },
        );
        io.out(
          `open reservations: ${report.open}; closed ${report.closed}, giving back ${report.creditsReturned} credits; ` +
            `already closed ${report.alreadyClosed}; left open ${report.failed}${report.unfinished ? '; unfinished (out of time, or some unread) with more to close: run it again' : ''}`,
        );
        return report.failed > 0 || report.unfinished ? 1 : 0;
      },
      overrides.client,
    );
  },
});
