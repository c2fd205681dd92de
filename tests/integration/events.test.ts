import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityItem } from '../../functions/adapters/referrals-table.js';
import { FORWARDER_FILTERS } from '../../functions/adapters/stream-filters.js';
import { MAX_REQUEST_BYTES } from '../../functions/events/forward-activity.js';
import { createForwarderDeps } from '../../functions/handlers/forwarder/dependencies.js';
import { createHandler } from '../../functions/handlers/forwarder/handler.js';
import { createObservability } from '../../functions/shared/observability.js';
import { type EventSink, startEventSink } from '../../local/event-sink.js';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller.js';
import { approveRequest, bulkRequest, rejectRequest, withKey } from '../support/api.js';
import { FakeDeadLetters } from '../support/fakes.js';
import { db, givenApiKey, givenAttribution, tables, uniqueId } from '../support/table-records.js';

// A reject through the API, the real DynamoDB Local stream, the real forwarder handler, and the PutEvents
// request exactly as the AWS SDK sends it, to a local endpoint that records it.
let sink: EventSink;
let poller: StreamPoller;
const deadLetters = new FakeDeadLetters();

beforeAll(async () => {
  sink = await startEventSink();
  const handler = createHandler(
    createForwarderDeps(
      { ...process.env, EVENT_BUS_NAME: 'referrals-test', DEAD_LETTER_QUEUE_URL: 'http://unused', EVENTS_ENDPOINT: sink.endpoint },
      { deadLetters },
    ),
    createObservability(),
  );
  poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    table: tables.referrals,
    consumers: [{ name: 'forwarder', filters: FORWARDER_FILTERS, handler }],
    from: 'LATEST',
    intervalMs: 100,
  });
});

afterAll(async () => {
  await poller.stop();
  await sink.stop();
});

const eventsOf = (attributionId: string) =>
  sink.published
    .map((entry) => ({ ...entry, detail: JSON.parse(entry.Detail) }))
    .filter((entry) => entry.detail.attribution_id === attributionId);

const rejectOne = async (body?: unknown) => {
  const admin = await givenApiKey();
  const attribution = await givenAttribution();
  const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), ...(body ? { body } : {}) });
  expect(response.status).toBe(200);
  return { admin, attribution, response };
};

describe('the referral.rejected event', () => {
  it('is published once for every referral a bulk reject rejects, and for no other', async () => {
    const admin = await givenApiKey();
    const held = await Promise.all([givenAttribution(), givenAttribution(), givenAttribution()]);
    const rewarded = await givenAttribution({ status: 'rewarded' });
    const response = await bulkRequest(
      { ids: [...held.map((item) => item.id), rewarded.id], reason: 'ring' },
      { headers: withKey(admin.key) },
    );
    expect(response.body.data.rejected).toBe(3);
    await poller.drain();
    for (const attribution of held) {
      const events = eventsOf(attribution.id);
      expect(events).toHaveLength(1);
      expect(events[0]?.detail).toMatchObject({ event_id: `${attribution.id}:${response.body.request_id}`, reason: 'ring' });
    }
    expect(eventsOf(rewarded.id)).toEqual([]);
  });

  it('reaches the bus as the SDK sends PutEvents, once, with every documented field', async () => {
    const { admin, attribution, response } = await rejectOne({ reason: 'same billing account' });
    await poller.drain();
    const events = eventsOf(attribution.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Source: 'crawlora.referrals', DetailType: 'referral.rejected', EventBusName: 'referrals-test' });
    expect(events[0]?.detail).toEqual({
      event_id: `${attribution.id}:${response.body.request_id}`,
      attribution_id: attribution.id,
      previous_status: 'review_required',
      status: 'rejected',
      reason: 'same billing account',
      reason_code: null,
      reviewed_by: admin.userId,
      reviewed_at: response.body.data.attribution.reviewed_at,
      auth_method: 'api_key',
      request_id: response.body.request_id,
      attribution: response.body.data.attribution,
    });
    const request = sink.requests.find((candidate) => candidate.body.Entries.some((entry) => entry.Detail.includes(attribution.id)));
    expect(request).toMatchObject({ target: 'AWSEvents.PutEvents', contentType: 'application/x-amz-json-1.1' });
    expect(JSON.stringify(request)).not.toContain(admin.key);
  });

  it('loses nothing when PutEvents fails some entries: they are retried within the invocation', async () => {
    sink.fail({ kind: 'entries', failIndexes: [0], code: 'ThrottlingException' }, 2);
    const { attribution } = await rejectOne();
    await poller.drain();
    await poller.drain();
    expect(eventsOf(attribution.id)).toHaveLength(1);
  });

  it('loses nothing when every request fails for a while: the batch is reported and retried from its first record', async () => {
    sink.fail({ kind: 'status', status: 500, errorType: 'InternalException' }, 12);
    const { attribution } = await rejectOne();
    for (let round = 0; round < 4 && eventsOf(attribution.id).length === 0; round++) await poller.drain();
    const delivered = eventsOf(attribution.id);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    // At least once: a redelivery carries the same event_id, which consumers deduplicate on.
    expect(new Set(delivered.map((event) => event.detail.event_id)).size).toBe(1);
  }, 30_000);

  it('loses nothing when PutEvents is throttled', async () => {
    sink.fail({ kind: 'status', status: 400, errorType: 'ThrottlingException' }, 2);
    const { attribution } = await rejectOne();
    for (let round = 0; round < 3 && eventsOf(attribution.id).length === 0; round++) await poller.drain();
    expect(eventsOf(attribution.id)).toHaveLength(1);
  }, 30_000);

  it('publishes nothing for a refused reject', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution({ status: 'rewarded' });
    expect((await rejectRequest(attribution.id, { headers: withKey(admin.key) })).status).toBe(409);
    await poller.drain();
    expect(eventsOf(attribution.id)).toEqual([]);
  });
});

describe('the referral.approved event', () => {
  it('tells the referral pipeline of each approval, single or bulk, once, with the detail of a rejection and status qualified', async () => {
    const admin = await givenApiKey();
    const [single, ...bulk] = await Promise.all([givenAttribution(), givenAttribution(), givenAttribution()]);
    const one = await approveRequest(single!.id, { headers: withKey(admin.key), body: { reason: 'verified' } });
    const many = await bulkRequest({ ids: bulk.map((item) => item.id) }, { action: 'approve', headers: withKey(admin.key) });
    expect([one.status, many.body.data.counts.approved]).toEqual([200, 2]);
    await poller.drain();
    const events = eventsOf(single!.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Source: 'crawlora.referrals', DetailType: 'referral.approved', EventBusName: 'referrals-test' });
    expect(events[0]?.detail).toEqual({
      event_id: `${single!.id}:${one.body.request_id}`,
      attribution_id: single!.id,
      previous_status: 'review_required',
      status: 'qualified',
      reason: 'verified',
      reason_code: null,
      reviewed_by: admin.userId,
      reviewed_at: one.body.data.attribution.reviewed_at,
      auth_method: 'api_key',
      request_id: one.body.request_id,
      attribution: one.body.data.attribution,
    });
    for (const attribution of bulk) {
      expect(eventsOf(attribution.id).map((entry) => [entry.DetailType, entry.detail.event_id, entry.detail.status])).toEqual([
        ['referral.approved', `${attribution.id}:${many.body.request_id}`, 'qualified'],
      ]);
    }
  });
});

describe("an activity item near DynamoDB's 400 KB item limit", () => {
  const written: { pk: string; sk: string }[] = [];
  /** An activity item written as the decision's transaction writes it, straight to the table. */
  const putActivity = (attributionId: string, requestId: string, reason: string) => {
    const item = activityItem(attributionId, {
      action: 'reject',
      previous_status: 'review_required',
      reason,
      actor: 'admin-1',
      auth_method: 'api_key',
      subject_id: 'key_1',
      request_id: requestId,
      at: new Date().toISOString(),
      attribution: { id: attributionId, status: 'rejected' },
    });
    written.push({ pk: String(item.pk), sk: String(item.sk) });
    return db.send(new PutCommand({ TableName: tables.referrals, Item: item }));
  };

  it('goes out as its event; one whose JSON outgrows any request is set aside by its keys and holds nothing up', async () => {
    const plain = uniqueId('attr');
    const escaped = uniqueId('attr');
    await putActivity(plain, 'req-near', 'x'.repeat(395_000));
    // One byte a character in the item, six in the event's JSON (\u0001): over every limit once it is an event.
    await putActivity(escaped, 'req-escaped', '\u0001'.repeat(395_000));
    await putActivity(escaped, 'req-after', 'after');
    for (let round = 0; round < 5 && eventsOf(escaped).length === 0; round++) await poller.drain();

    expect(eventsOf(plain).map((event) => event.detail.reason.length)).toEqual([395_000]);
    expect(eventsOf(escaped).map((event) => event.detail.request_id)).toEqual(['req-after']);
    const letters = deadLetters.letters.filter((letter) => letter.table_keys.pk === escaped);
    expect(letters).toEqual([expect.objectContaining({ reason: 'event refused by EventBridge', code: 'EntryTooLarge' })]);
    expect(letters[0]?.event).toBeUndefined();
    expect(letters[0]?.event_bytes).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(poller.discarded.get('forwarder') ?? []).toEqual([]);
  }, 30_000);

  // The activity item no event can carry stays out of the table once its case is proven: a replay of any window
  // holding it (tests/integration/events-replay.test.ts, run at the same time) would set it aside and exit 1.
  afterAll(async () => {
    for (const sk of written) await db.send(new DeleteCommand({ TableName: tables.referrals, Key: sk }));
  });
});
