// A referral the pipeline holds for review is announced once: the table's stream, the real queue indexer (held_at and
// the hold) and the real forwarder, as npm start runs them, publish exactly one `referral.review_opened` per stay in
// review, whatever the pipeline writes again and however often a record is handed over.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORWARDER_FILTERS, QUEUE_PLACEMENT_FILTERS } from '../../functions/adapters/stream-filters.js';
import { createForwarderDeps } from '../../functions/handlers/forwarder/dependencies.js';
import { createHandler as createForwarderHandler } from '../../functions/handlers/forwarder/handler.js';
import { createQueueIndexerDeps } from '../../functions/handlers/queue-indexer/dependencies.js';
import { createHandler as createIndexerHandler } from '../../functions/handlers/queue-indexer/handler.js';
import { createObservability } from '../../functions/shared/observability.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { type EventSink, startEventSink } from '../../local/event-sink.js';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller.js';
import { eventsCommand } from '../../tools/cli/commands/events.js';
import { runCommand } from '../../tools/cli/runner.js';
import { FakeDeadLetters } from '../support/fakes.js';
import { context } from '../support/lambda.js';
import { db, givenStatusWritten, uniqueId } from '../support/table-records.js';

const names = { ...LOCAL_TABLE_NAMES, referrals: `referrals-opened-${uniqueId('t')}` };
const env = { ...process.env, REFERRALS_TABLE: names.referrals };
let sink: EventSink;
let poller: StreamPoller;
let forwarder: ReturnType<typeof createForwarderHandler>;
let indexer: ReturnType<typeof createIndexerHandler>;

beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names);
  sink = await startEventSink();
  forwarder = createForwarderHandler(
    createForwarderDeps(
      { ...env, EVENT_BUS_NAME: 'referrals-test', DEAD_LETTER_QUEUE_URL: 'http://unused', EVENTS_ENDPOINT: sink.endpoint },
      { deadLetters: new FakeDeadLetters() },
    ),
    createObservability(),
  );
  indexer = createIndexerHandler(createQueueIndexerDeps(env), createObservability());
  poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    table: names.referrals,
    consumers: [
      { name: 'forwarder', filters: FORWARDER_FILTERS, handler: forwarder },
      { name: 'queue-indexer', filters: QUEUE_PLACEMENT_FILTERS, handler: indexer },
    ],
    from: 'LATEST',
    intervalMs: 100,
  });
});

const folder = mkdtempSync(path.join(tmpdir(), 'review-opened-'));
afterAll(async () => {
  await poller.stop();
  await sink.stop();
  rmSync(folder, { recursive: true, force: true });
});

const opened = (id: string) =>
  sink.published
    .filter((entry) => entry.DetailType === 'referral.review_opened')
    .map((entry) => JSON.parse(entry.Detail))
    .filter((detail) => detail.attribution_id === id);

const stored = async (id: string) =>
  (await db.send(new GetCommand({ TableName: names.referrals, Key: { pk: id, sk: 'attribution' }, ConsistentRead: true }))).Item ?? {};

/** The pipeline's writes: a click, then a status (and, to hold it, the fraud checks' findings), as UpdateItem. */
const pipelineCreates = (id: string) =>
  db.send(
    new PutCommand({
      TableName: names.referrals,
      Item: { pk: id, sk: 'attribution', id, status: 'attributed', created_at: '2026-11-01T00:00:00.000Z', referrer_user_id: 'user-ring' },
    }),
  );
const pipelineWrites = (id: string, status: string) => givenStatusWritten(id, status, names.referrals, { risk_flags: ['velocity'] });

/** Drains the poller until `done` holds, or fails after a while. */
const until = async (done: () => boolean | Promise<boolean>, timeoutMs = 15_000) => {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not reached within ${timeoutMs} ms`);
    await poller.drain();
  }
  return Date.now() - started;
};

describe('referral.review_opened, from the pipeline hold to the bus', () => {
  it('is published once for a hold, with event_id <id>:<held_at>, whatever the pipeline writes again meanwhile', async () => {
    const id = uniqueId('opened');
    await pipelineCreates(id);
    const heldAt = Date.now();
    await pipelineWrites(id, 'review_required');
    // Written again unchanged at once, before the indexer has placed it, and again once it has.
    await pipelineWrites(id, 'review_required');
    await until(() => opened(id).length > 0);
    const latency = Date.now() - heldAt;
    await until(async () => (await stored(id)).held_at !== undefined);
    await pipelineWrites(id, 'review_required');
    await poller.drain();
    await poller.drain();

    const { held_at } = await stored(id);
    // DynamoDB Local stamps stream records to the minute; AWS, to the second.
    expect(Date.parse(held_at)).toBeLessThanOrEqual(heldAt);
    expect(heldAt - Date.parse(held_at)).toBeLessThan(60_000);
    expect(opened(id)).toEqual([
      { event_id: `${id}:${held_at}`, attribution_id: id, referrer_user_id: 'user-ring', risk_flags: ['velocity'], held_at },
    ]);
    console.info(`referral.review_opened published ${latency} ms after the pipeline's hold (poller every 100 ms, two stream hops)`);
  }, 60_000);

  it('is published once when the stream hands the holding record to the indexer twice, and keeps its event_id when the forwarder gets the hold twice', async () => {
    const id = uniqueId('twice');
    await pipelineCreates(id);
    await pipelineWrites(id, 'review_required');
    await until(() => opened(id).length > 0);
    const { held_at } = await stored(id);

    // The holding record again (its image without queue key or held_at), as Lambda retries a batch.
    const { queue_key: _key, held_at: _held, ...image } = await stored(id);
    const again = {
      eventName: 'MODIFY',
      dynamodb: {
        ApproximateCreationDateTime: Date.parse(held_at) / 1000,
        SequenceNumber: '4300000000000000000001',
        NewImage: marshall(image),
      },
    } as unknown as DynamoDBStreamEvent['Records'][number];
    expect(await indexer({ Records: [again] }, context())).toEqual({ batchItemFailures: [] });
    await poller.drain();
    expect(opened(id)).toHaveLength(1);

    // The hold's own insert again, as Lambda retries the forwarder's batch: published again, with the same event_id.
    const hold = (await db.send(new GetCommand({ TableName: names.referrals, Key: { pk: id, sk: `hold#${held_at}` } }))).Item ?? {};
    const insert = {
      eventName: 'INSERT',
      dynamodb: { Keys: marshall({ pk: id, sk: hold.sk }), SequenceNumber: '4300000000000000000002', NewImage: marshall(hold) },
    } as unknown as DynamoDBStreamEvent['Records'][number];
    expect(await forwarder({ Records: [insert] }, context())).toEqual({ batchItemFailures: [] });
    expect(new Set(opened(id).map((detail) => detail.event_id))).toEqual(new Set([`${id}:${held_at}`]));
  }, 60_000);

  it('is not published for a referral leaving review, nor for one never held', async () => {
    const held = uniqueId('leaves');
    const never = uniqueId('never');
    await Promise.all([pipelineCreates(held), pipelineCreates(never)]);
    await pipelineWrites(held, 'review_required');
    await until(() => opened(held).length === 1);
    const first = (await stored(held)).held_at;
    await pipelineWrites(held, 'qualified');
    await pipelineWrites(never, 'qualified');
    await pipelineWrites(never, 'rewarded');
    await until(async () => (await stored(held)).queue_key === undefined);
    await poller.drain();
    expect(opened(held)).toHaveLength(1);
    expect(opened(never)).toEqual([]);
    // It keeps the time it was held.
    expect((await stored(held)).held_at).toBe(first);
  }, 60_000);
});

describe('npm run events -- replay, for referral.review_opened', () => {
  const replay = async (argv: string[], file: string) => {
    const out: string[] = [];
    const code = await runCommand(
      eventsCommand,
      ['replay', ...argv],
      { out: (line) => out.push(line), err: (line) => out.push(line) },
      { DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, REFERRALS_TABLE: names.referrals, LOCAL_EVENTS_FILE: file },
      { client: db },
    );
    const details = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.DetailType === 'referral.review_opened')
      .map((entry) => JSON.parse(entry.Detail));
    return { code, out, details };
  };

  it('publishes the openings of the window again, same event_id: the referrals still in review by their held_at, or one referral whatever its status', async () => {
    const [waiting, decided] = [uniqueId('waiting'), uniqueId('decided')];
    await Promise.all([pipelineCreates(waiting), pipelineCreates(decided)]);
    await Promise.all([pipelineWrites(waiting, 'review_required'), pipelineWrites(decided, 'review_required')]);
    await until(() => opened(waiting).length === 1 && opened(decided).length === 1);
    await pipelineWrites(decided, 'qualified');
    const window = ['--since', new Date(Date.now() - 120_000).toISOString(), '--until', new Date(Date.now() + 1_000).toISOString()];

    const all = await replay(window, path.join(folder, 'window.jsonl'));
    expect(all.code).toBe(0);
    expect(all.details.filter((detail) => [waiting, decided].includes(detail.attribution_id))).toEqual(opened(waiting));

    const one = await replay([...window, '--attribution', decided], path.join(folder, 'one.jsonl'));
    expect(one.details).toEqual(opened(decided));
  }, 60_000);
});
