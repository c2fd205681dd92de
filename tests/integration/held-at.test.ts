// held_at, when a referral entered review: the queue indexer sets it from the stream record of the referral
// pipeline's write that held it, in the write that places the referral in the queue, and records the hold once;
// a rewrite of the held referral, a stale image, or a retry never moves it. The list and the read answer it with
// the referral's age in review at the time of the answer.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { HOLD_PREFIX, QUEUE_KEY, queueKey, queueShard } from '../../functions/adapters/referrals-table.js';
import { createQueueIndexerDeps } from '../../functions/handlers/queue-indexer/dependencies.js';
import { createHandler as createIndexerHandler } from '../../functions/handlers/queue-indexer/handler.js';
import { pathTo } from '../../functions/http/route.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { createObservability } from '../../functions/shared/observability.js';
import { apiWithPlans, getRequest, withKey } from '../support/api.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { context } from '../support/lambda.js';
import { db, givenApiKey, givenAttribution, givenStatusWritten, holdsOf, tables, uniqueId } from '../support/table-records.js';

const env = { ...process.env, REFERRALS_TABLE: tables.referrals };
const indexerOn = (client = db) => createIndexerHandler(createQueueIndexerDeps(env, client), createObservability());
const indexer = indexerOn();

const stored = async (id: string) =>
  (await db.send(new GetCommand({ TableName: tables.referrals, Key: { pk: id, sk: 'attribution' }, ConsistentRead: true }))).Item ?? {};

/** The referral pipeline's writes: a click, then the fraud checks holding it (UpdateItem, no queue attribute). */
const pipelineCreates = (id: string) =>
  db.send(
    new PutCommand({
      TableName: tables.referrals,
      Item: { pk: id, sk: 'attribution', id, status: 'attributed', created_at: '2026-11-01T00:00:00.000Z', referrer_user_id: 'user-ring' },
    }),
  );
const pipelineHolds = (id: string) =>
  givenStatusWritten(id, 'review_required', tables.referrals, { review_reason: 'velocity', risk_flags: ['velocity', 'same_ip'] });

let sequence = 4_200_000_000_000_000_000_000n;
/** The stream record of the item as it now is, written at `at` (Unix seconds), as Lambda hands it over. */
const recordOf = async (id: string, at: number, image?: Record<string, unknown>) => {
  sequence += 1n;
  return {
    eventID: uniqueId('event'),
    eventName: 'MODIFY',
    dynamodb: {
      ApproximateCreationDateTime: at,
      SequenceNumber: String(sequence),
      NewImage: marshall(image ?? (await stored(id)), { removeUndefinedValues: true }),
    },
  } as unknown as DynamoDBStreamEvent['Records'][number];
};

const deliver = async (handler: typeof indexer, ...records: DynamoDBStreamEvent['Records']) =>
  expect(await handler({ Records: records }, context())).toEqual({ batchItemFailures: [] });

const HELD = 1_796_000_000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('held_at, set by the queue indexer', () => {
  it('is the time of the stream record that held the referral, set with its queue key, and its hold is recorded once', async () => {
    const id = uniqueId('held');
    await pipelineCreates(id);
    await pipelineHolds(id);
    const entry = await recordOf(id, HELD);
    // The pipeline writes the held referral again, unchanged, before the indexer has placed it: the same batch.
    await pipelineHolds(id);
    await deliver(indexer, entry, await recordOf(id, HELD + 7));

    expect(await stored(id)).toMatchObject({ held_at: iso(HELD), [QUEUE_KEY]: queueKey('review_required', queueShard(id)) });
    expect(await holdsOf(id)).toEqual([
      { pk: id, sk: `${HOLD_PREFIX}${iso(HELD)}`, held_at: iso(HELD), referrer_user_id: 'user-ring', risk_flags: ['velocity', 'same_ip'] },
    ]);
  });

  it('does not move when the pipeline writes the held referral again, nor when the stream hands a record over twice', async () => {
    const id = uniqueId('rewritten');
    await pipelineCreates(id);
    await pipelineHolds(id);
    const entry = await recordOf(id, HELD);
    // A rewrite made before the indexer's write: its image has no queue key yet, and arrives in a later batch.
    await pipelineHolds(id);
    const rewrite = await recordOf(id, HELD + 30);
    await deliver(indexer, entry);
    await deliver(indexer, rewrite);
    await deliver(indexer, entry);
    // And one made after it, carrying the queue key and held_at.
    await pipelineHolds(id);
    await deliver(indexer, await recordOf(id, HELD + 60));

    expect((await stored(id)).held_at).toBe(iso(HELD));
    expect(await holdsOf(id)).toHaveLength(1);
  });

  it('is never set from a stale image: a referral that left review meanwhile gets neither held_at nor a hold', async () => {
    const id = uniqueId('stale');
    await pipelineCreates(id);
    await pipelineHolds(id);
    const held = await recordOf(id, HELD);
    await givenStatusWritten(id, 'rewarded');

    await deliver(indexer, held);

    const item = await stored(id);
    expect(item.status).toBe('rewarded');
    expect(item.held_at).toBeUndefined();
    expect(item[QUEUE_KEY]).toBeUndefined();
    expect(await holdsOf(id)).toEqual([]);
  });

  it('is held anew when the referral enters review again, by the record of that entry', async () => {
    const id = uniqueId('again');
    await pipelineCreates(id);
    await pipelineHolds(id);
    await deliver(indexer, await recordOf(id, HELD));
    await givenStatusWritten(id, 'qualified');
    await deliver(indexer, await recordOf(id, HELD + 100));
    await pipelineHolds(id);
    await deliver(indexer, await recordOf(id, HELD + 200));

    expect((await stored(id)).held_at).toBe(iso(HELD + 200));
    expect((await holdsOf(id)).map((hold) => hold.held_at)).toEqual([iso(HELD), iso(HELD + 200)]);
  });

  it('records the hold on a retry when it could not be written after held_at was', async () => {
    const id = uniqueId('retried');
    await pipelineCreates(id);
    await pipelineHolds(id);
    const entry = await recordOf(id, HELD);
    const faulty = instrumentedClient({ maxAttempts: 1 });
    faulty.inject({ command: 'PutItemCommand', times: 1 });
    const failed = await indexerOn(faulty.client)({ Records: [entry] }, context());
    // The batch fails from the record, so that Lambda hands it over again.
    expect(failed).toEqual({ batchItemFailures: [{ itemIdentifier: entry.dynamodb?.SequenceNumber }] });
    expect((await stored(id)).held_at).toBe(iso(HELD));
    expect(await holdsOf(id)).toEqual([]);

    await deliver(indexerOn(faulty.client), entry);

    expect(await holdsOf(id)).toHaveLength(1);
  });
});

describe('held_at and age_seconds in the list and the read', () => {
  it('answers a held referral with held_at and its age in review at the time of the answer; a rejected one with held_at alone', async () => {
    const admin = await givenApiKey();
    const referrer = uniqueId('ring');
    const held = await givenAttribution({ referrer_user_id: referrer, held_at: '2026-12-01T10:00:00.000Z' });
    const rejected = await givenAttribution({ referrer_user_id: referrer, status: 'rejected', held_at: '2026-11-30T10:00:00.000Z' });
    const legacy = await givenAttribution({ referrer_user_id: referrer });
    const now = new Date('2026-12-01T12:30:15.500Z');
    const api = apiWithPlans({}, () => now);

    const list = await getRequest(`${pathTo(listReferralsRoute)}?referrer_user_id=${referrer}`, {
      headers: withKey(admin.key),
      gateway: api,
    });
    expect(list.status).toBe(200);
    const listed = Object.fromEntries(list.body.data.attributions.map((item: { id: string }) => [item.id, item]));
    expect(listed[held.id]).toMatchObject({ held_at: '2026-12-01T10:00:00.000Z', age_seconds: 9015 });
    // Held before held_at existed, until the migration gives it one: no age.
    expect(listed[legacy.id]).not.toHaveProperty('age_seconds');

    const read = await getRequest(pathTo(getReferralRoute, { id: held.id }), { headers: withKey(admin.key), gateway: api });
    expect(read.body.data.attribution).toMatchObject({ held_at: '2026-12-01T10:00:00.000Z', age_seconds: 9015 });
    const readRejected = await getRequest(pathTo(getReferralRoute, { id: rejected.id }), { headers: withKey(admin.key), gateway: api });
    expect(readRejected.body.data.attribution.held_at).toBe('2026-11-30T10:00:00.000Z');
    expect(readRejected.body.data.attribution).not.toHaveProperty('age_seconds');
  });
});
