// `npm run events -- replay`: re-derives referral.rejected and referral.approved events from the audit trail, and
// referral.review_opened from the holds, and publishes them again, same event_id.
import { appendFileSync, readFileSync } from 'node:fs';
import { readActivity } from '../../../functions/adapters/activity-reader.js';
import {
  createEventBridgeClient,
  createEventBridgePublisher,
  toPutEventsEntry,
} from '../../../functions/adapters/event-bridge-publisher.js';
import { readHolds } from '../../../functions/adapters/hold-reader.js';
import { activityTimeOf, holdTimeOf } from '../../../functions/adapters/referrals-table.js';
import { type ActivityRecord, forwardActivity } from '../../../functions/events/forward-activity.js';
import type { DeadLetter, EventPublisher } from '../../../functions/events/ports.js';
import { defineCommand, UsageError } from '../runner.js';
import { stackOutputs } from '../stack-outputs.js';
import { TARGET_HELP, TARGET_OPTIONS, withTargetClient } from '../target.js';

const EVENTS_USAGE = `usage:
  npm run events -- replay --since <ISO time> [--until <ISO time>] [--attribution <id>] [--dry-run] [target]
  npm run events -- replay --dead-letter <message.json> [--dry-run] [target]
${TARGET_HELP}
A window's decisions come from the audit trail; its referral.review_opened events from the holds of the referrals still in
review (found through the review queue by held_at), or, with --attribution, of that referral whatever its status.
With DynamoDB Local, events go to EVENTS_ENDPOINT and EVENT_BUS_NAME when set, else to LOCAL_EVENTS_FILE as npm start writes them.`;

/** How long before a stream batch's first arrival its activity may have been timed: a function's 10 s, with room for clocks. */
const ARRIVAL_MARGIN_MS = 60_000;

const isoTime = (value: string, option: string): string => {
  const time = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time.getTime()))
    throw new UsageError(`${option} must be an ISO time, not ${value}`);
  return time.toISOString();
};

type Window = { since: string; until: string; attributionId?: string };

/**
 * The window a dead-letter message names. A stream batch Lambda gave up on carries its shard, sequence range and arrival
 * times, not its records (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, the on-failure destination);
 * the forwarder's own letters carry the activity item's keys.
 */
export const windowOfDeadLetter = (message: unknown): Window => {
  const body = message as {
    DDBStreamBatchInfo?: { approximateArrivalOfFirstRecord?: string; approximateArrivalOfLastRecord?: string };
    table_keys?: { pk?: string; sk?: string };
  };
  const batch = body.DDBStreamBatchInfo;
  if (batch?.approximateArrivalOfFirstRecord && batch.approximateArrivalOfLastRecord) {
    const first = new Date(batch.approximateArrivalOfFirstRecord).getTime();
    const last = new Date(batch.approximateArrivalOfLastRecord).getTime();
    if (!Number.isNaN(first) && !Number.isNaN(last)) {
      return { since: new Date(first - ARRIVAL_MARGIN_MS).toISOString(), until: new Date(last + 1_000).toISOString() };
    }
  }
  const at = activityTimeOf(body.table_keys?.sk ?? '') ?? holdTimeOf(body.table_keys?.sk ?? '');
  if (body.table_keys?.pk && at) return { since: at, until: at, attributionId: body.table_keys.pk };
  throw new UsageError(
    'the dead-letter message names neither a stream batch (DDBStreamBatchInfo) nor an activity or hold item (table_keys)',
  );
};

/** Appends each event as the PutEvents entry npm start's stand-in for EventBridge writes to LOCAL_EVENTS_FILE. */
const filePublisher = (file: string, bus: string): EventPublisher => ({
  async publish(events) {
    for (const event of events) appendFileSync(file, `${JSON.stringify(toPutEventsEntry(event, bus))}\n`);
    return events.map(() => ({ published: true }));
  },
});

const target = async (values: { stack?: string | undefined }, env: NodeJS.ProcessEnv) => {
  if (values.stack) {
    const outputs = await stackOutputs(values.stack);
    const [table, bus] = [outputs.ReferralsTableName, outputs.EventBusName];
    if (!table || !bus) throw new Error(`stack ${values.stack} has no outputs ReferralsTableName and EventBusName`);
    return { table, where: `bus ${bus}`, publisher: () => createEventBridgePublisher(createEventBridgeClient(), bus) };
  }
  if (!env.DYNAMODB_ENDPOINT) throw new UsageError('name the target: --stack <name> or --endpoint <url> (DynamoDB Local)');
  const table = env.REFERRALS_TABLE ?? 'referrals';
  const bus = env.EVENT_BUS_NAME ?? 'referrals-local';
  if (env.EVENTS_ENDPOINT) {
    const endpoint = env.EVENTS_ENDPOINT;
    return {
      table,
      where: `bus ${bus} at ${endpoint}`,
      publisher: () => createEventBridgePublisher(createEventBridgeClient({ endpoint }), bus),
    };
  }
  const file = env.LOCAL_EVENTS_FILE;
  if (!file) throw new UsageError('set LOCAL_EVENTS_FILE (or EVENTS_ENDPOINT) to say where local events go');
  return { table, where: file, publisher: () => filePublisher(file, bus) };
};

/** Exits 1 when anything was not published. */
export const eventsCommand = defineCommand({
  name: 'events',
  usage: EVENTS_USAGE,
  positionals: true,
  options: {
    since: { type: 'string' },
    until: { type: 'string' },
    attribution: { type: 'string' },
    'dead-letter': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    ...TARGET_OPTIONS,
  },
  async run(invocation) {
    const { values, positionals, env, io, overrides } = invocation;
    const [command, ...rest] = positionals;
    if (command !== 'replay') throw new UsageError(`unknown command ${command ?? '(none)'}`);
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    let window: Window;
    if (values['dead-letter']) {
      if (values.since || values.until || values.attribution) throw new UsageError('--dead-letter names its own window');
      window = windowOfDeadLetter(JSON.parse(readFileSync(values['dead-letter'], 'utf8')));
    } else {
      if (!values.since) throw new UsageError('replay needs --since <ISO time> or --dead-letter <message.json>');
      window = {
        since: isoTime(values.since, '--since'),
        until: values.until ? isoTime(values.until, '--until') : new Date().toISOString(),
        ...(values.attribution ? { attributionId: values.attribution } : {}),
      };
    }
    if (window.until < window.since) throw new UsageError('--until must not be before --since');

    const destination = await target(values, env);
    invocation.table = destination.table;
    const records = await withTargetClient(
      env,
      async (client) => {
        const read: ActivityRecord[] = [];
        for await (const item of readActivity(client, destination.table, window)) {
          const keys = { pk: String(item.pk), sk: String(item.sk) };
          read.push({ sequenceNumber: keys.sk, eventName: 'INSERT', keys, activity: true, image: item });
        }
        for await (const item of readHolds(client, destination.table, window)) {
          const keys = { pk: String(item.pk), sk: String(item.sk) };
          read.push({ sequenceNumber: keys.sk, eventName: 'INSERT', keys, activity: false, hold: true, image: item });
        }
        return read;
      },
      overrides.client,
    );
    const scope = `from ${window.since} to ${window.until}${window.attributionId ? ` for ${window.attributionId}` : ''}`;
    if (values['dry-run']) {
      io.out(`would replay ${records.length} review events ${scope} to ${destination.where}`);
      return 0;
    }
    const refused: DeadLetter[] = [];
    const result = await forwardActivity(
      {
        publisher: destination.publisher(),
        deadLetters: { send: async (letter) => void refused.push(letter) },
        log: { info: () => undefined, warn: () => undefined },
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      records,
    );
    io.out(`replayed ${result.published} review events ${scope} to ${destination.where}`);
    for (const letter of refused)
      io.err(
        `events: not published (${letter.reason}${letter.code ? `: ${letter.code}` : ''}): ${letter.table_keys.pk} ${letter.table_keys.sk}`,
      );
    if (result.failedFrom)
      io.err(`events: publishing stopped at ${result.failedFrom}; run the replay again (consumers deduplicate on event_id)`);
    return refused.length > 0 || result.failedFrom ? 1 : 0;
  },
});
