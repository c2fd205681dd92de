// npm run events -- replay: the audit trail is the source of the events, and any window of it can be published again.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forwardActivity } from '../../functions/events/forward-activity.js';
import { eventIdOf } from '../../functions/referrals/review-event.js';
import { startEventSink } from '../../local/event-sink.js';
import { eventsCommand } from '../../tools/cli/commands/events.js';
import { runCommand } from '../../tools/cli/runner.js';
import { approveRequest, rejectRequest, withKey } from '../support/api.js';
import { FakeDeadLetters, FakePublisher } from '../support/fakes.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { activityOf, givenApiKey, givenAttribution } from '../support/table-records.js';

const folder = mkdtempSync(path.join(tmpdir(), 'events-replay-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = async (argv: string[], env: NodeJS.ProcessEnv = {}, client = instrumentedClient()) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(
    eventsCommand,
    argv,
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, ...env },
    { client: client.client },
  );
  return { code, out, err, calls: client.calls };
};

type Entry = { Source: string; DetailType: string; Detail: string; EventBusName: string };
const entriesIn = (file: string): Entry[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const eventIds = (entries: Entry[]) => entries.map((entry) => JSON.parse(entry.Detail).event_id as string);

describe('npm run events -- replay', () => {
  let since: string;
  let until: string;
  let expected: string[];
  let ids: string[];

  beforeAll(async () => {
    const admin = await givenApiKey();
    const attributions = await Promise.all([1, 2, 3, 4].map(() => givenAttribution()));
    ids = attributions.map((attribution) => attribution.id);
    since = new Date(Date.now() - 1_000).toISOString();
    // Three rejected, the last approved: a replay publishes both kinds.
    for (const id of ids.slice(0, 3)) expect((await rejectRequest(id, { headers: withKey(admin.key) })).status).toBe(200);
    expect((await approveRequest(ids[3] as string, { headers: withKey(admin.key) })).status).toBe(200);
    until = new Date(Date.now() + 1_000).toISOString();
    const activity = await Promise.all(ids.map(async (id) => (await activityOf(id))[0]));
    expected = activity.map((item) => eventIdOf(String(item?.pk), String(item?.request_id)));
  });

  it('publishes every decision of the window again with its own event_id and kind, reading the activity index day by day, no scan', async () => {
    const file = path.join(folder, 'window.jsonl');
    const result = await run(['replay', '--since', since, '--until', until], { LOCAL_EVENTS_FILE: file });
    expect(result.code).toBe(0);
    const replayed = eventIds(entriesIn(file));
    // Other tests may reject in the same window; each of these is there exactly once.
    for (const id of expected) expect(replayed.filter((eventId) => eventId === id)).toHaveLength(1);
    const kinds = Object.fromEntries(
      entriesIn(file).map((entry) => [
        JSON.parse(entry.Detail).event_id,
        [entry.Source, entry.DetailType, JSON.parse(entry.Detail).status],
      ]),
    );
    expect(expected.map((id) => kinds[id])).toEqual([
      ...[1, 2, 3].map(() => ['crawlora.referrals', 'referral.rejected', 'rejected']),
      ['crawlora.referrals', 'referral.approved', 'qualified'],
    ]);
    expect(entriesIn(file)[0]).toMatchObject({ EventBusName: 'referrals-local' });
    expect(result.out).toEqual([expect.stringMatching(new RegExp(`^replayed ${replayed.length} review events from ${since}`))]);
    expect(result.calls.map((call) => call.command)).not.toContain('ScanCommand');
    expect(new Set(result.calls.map((call) => call.command))).toEqual(new Set(['QueryCommand']));
  });

  it('counts without publishing on --dry-run, and narrows to one referral with --attribution', async () => {
    const file = path.join(folder, 'dry.jsonl');
    const dry = await run(['replay', '--since', since, '--until', until, '--attribution', ids[0] as string, '--dry-run'], {
      LOCAL_EVENTS_FILE: file,
    });
    expect(dry).toMatchObject({ code: 0, out: [expect.stringMatching(/^would replay 1 review events /)] });
    expect(() => readFileSync(file)).toThrow();
    const one = await run(['replay', '--since', since, '--until', until, '--attribution', ids[0] as string], { LOCAL_EVENTS_FILE: file });
    expect(one.code).toBe(0);
    expect(eventIds(entriesIn(file))).toEqual([expected[0]]);
  });

  it("redrives a dead-letter message by the window of its stream batch's arrival", async () => {
    const message = path.join(folder, 'dead-letter.json');
    // The shape Lambda sends an on-failure destination for a stream batch: its range and arrival times, no records.
    writeFileSync(
      message,
      JSON.stringify({
        version: '1.0',
        timestamp: until,
        DDBStreamBatchInfo: {
          shardId: 'shardId-00000001',
          startSequenceNumber: '100',
          endSequenceNumber: '200',
          approximateArrivalOfFirstRecord: since,
          approximateArrivalOfLastRecord: until,
          batchSize: 3,
          streamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/referrals/stream/2026-11-30T00:00:00.000',
        },
      }),
    );
    const file = path.join(folder, 'redrive.jsonl');
    const result = await run(['replay', '--dead-letter', message], { LOCAL_EVENTS_FILE: file });
    // The window reaches a minute back, over other tests' activity too: none of this test's own is refused.
    expect(result.err.filter((line) => ids.some((id) => line.includes(id)))).toEqual([]);
    if (result.code !== 0) expect(result.err.join('\n')).toMatch(/^events: not published/);
    const replayed = eventIds(entriesIn(file));
    for (const id of expected) expect(replayed).toContain(id);
  });

  it("redrives one of the forwarder's own dead letters: exactly the event it set aside, with its event_id", async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    expect((await rejectRequest(attribution.id, { headers: withKey(admin.key) })).status).toBe(200);
    const [item] = await activityOf(attribution.id);
    // The forwarder's letter for an entry EventBridge refused for good: it names the item by its keys, whose sort key
    // holds the item's instant, so the window it gives the replay starts and ends at that one instant.
    const publisher = new FakePublisher();
    publisher.script.push({ 0: 'MalformedDetail' });
    const deadLetters = new FakeDeadLetters();
    const keys = { pk: String(item?.pk), sk: String(item?.sk) };
    const quiet = { info: () => undefined, warn: () => undefined };
    const record = { sequenceNumber: '4100000000012345678901', eventName: 'INSERT', keys, activity: true, image: item };
    await forwardActivity({ publisher, deadLetters, log: quiet, sleep: async () => undefined }, [record]);
    const [letter] = deadLetters.letters;
    expect(letter).toMatchObject({ reason: 'event refused by EventBridge', code: 'MalformedDetail', table_keys: keys });
    const message = path.join(folder, 'forwarder-letter.json');
    // The body of the queue's message, as the forwarder sends it.
    writeFileSync(message, JSON.stringify(letter));
    const file = path.join(folder, 'forwarder-redrive.jsonl');

    const result = await run(['replay', '--dead-letter', message], { LOCAL_EVENTS_FILE: file });

    expect(result.code).toBe(0);
    const at = String(item?.at);
    expect(result.out).toEqual([`replayed 1 review events from ${at} to ${at} for ${attribution.id} to ${file}`]);
    const entries = entriesIn(file);
    expect(eventIds(entries)).toEqual([eventIdOf(attribution.id, String(item?.request_id))]);
    expect(JSON.parse(entries[0]?.Detail as string)).toEqual(letter?.event?.detail);
  });

  it('publishes to an EventBridge endpoint with PutEvents when one is named, as the forwarder does', async () => {
    const sink = await startEventSink();
    try {
      const result = await run(['replay', '--since', since, '--until', until, '--attribution', ids[1] as string], {
        EVENTS_ENDPOINT: sink.endpoint,
        EVENT_BUS_NAME: 'referrals-test',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      });
      expect(result.code).toBe(0);
      expect(sink.published.map((entry) => [entry.EventBusName, JSON.parse(entry.Detail).event_id])).toEqual([
        ['referrals-test', expected[1]],
      ]);
    } finally {
      await sink.stop();
    }
  });

  it('fails with exit 1 naming what EventBridge refused for good', async () => {
    const sink = await startEventSink();
    sink.fail({ kind: 'entries', failIndexes: [0], code: 'MalformedDetail' });
    try {
      const result = await run(['replay', '--since', since, '--until', until, '--attribution', ids[2] as string], {
        EVENTS_ENDPOINT: sink.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      });
      expect(result.code).toBe(1);
      expect(result.err).toEqual([
        expect.stringMatching(
          new RegExp(`^events: not published \\(event refused by EventBridge: MalformedDetail\\): ${ids[2]} activity#`),
        ),
      ]);
    } finally {
      await sink.stop();
    }
  });

  it.each([
    [['replay'], 'replay needs --since <ISO time> or --dead-letter <message.json>'],
    [['replay', '--since', 'yesterday'], '--since must be an ISO time, not yesterday'],
    [['replay', '--since', '2026-11-30T10:00:00Z', '--until', '2026-11-29T10:00:00Z'], '--until must not be before --since'],
    [['replay', '--since', '2026-11-30T10:00:00Z'], 'set LOCAL_EVENTS_FILE (or EVENTS_ENDPOINT) to say where local events go'],
    [['resend'], 'unknown command resend'],
  ])('refuses %j with exit 2 and one line', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err[0]).toBe(`events: ${message}`);
  });
});
