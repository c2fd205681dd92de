import { describe, expect, it } from 'vitest';
import { activitySortKey } from '../../../functions/adapters/referrals-table.js';
import {
  type ActivityRecord,
  ENTRY_RETRIES,
  entrySize,
  forwardActivity,
  MAX_DEAD_LETTER_BYTES,
  MAX_REQUEST_BYTES,
} from '../../../functions/events/forward-activity.js';
import type { Activity } from '../../../functions/referrals/activity.js';
import { type DomainEvent, reviewEvent } from '../../../functions/referrals/review-event.js';
import { itemSize } from '../../../tools/capacity-model.js';
import { FakeDeadLetters, FakePublisher } from '../../support/fakes.js';

/** DynamoDB's largest item, 400 KB: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html */
const DYNAMODB_ITEM_LIMIT = 400 * 1024;

const activity = (attributionId: string, requestId: string, overrides: Partial<Activity> = {}): Activity => ({
  action: 'reject',
  previous_status: 'review_required',
  previous_review_reason: 'same_stripe_customer',
  reason: 'same billing account',
  actor: 'admin-1',
  auth_method: 'api_key',
  subject_id: 'key_1',
  request_id: requestId,
  at: '2026-11-27T10:00:00.000Z',
  attribution: { id: attributionId, status: 'rejected', reviewed_by: 'admin-1', reviewed_at: '2026-11-27T10:00:00.000Z' },
  ...overrides,
});

let sequence = 100;
const record = (attributionId: string, requestId: string, overrides: Partial<Activity> = {}): ActivityRecord => {
  const sk = activitySortKey('2026-11-27T10:00:00.000Z', requestId);
  sequence += 1;
  return {
    sequenceNumber: String(sequence),
    eventName: 'INSERT',
    keys: { pk: attributionId, sk },
    activity: true,
    image: { pk: attributionId, sk, ...activity(attributionId, requestId, overrides) },
  };
};

const setup = () => {
  const publisher = new FakePublisher();
  const deadLetters = new FakeDeadLetters();
  const warnings: { message: string; attributes: Record<string, unknown> }[] = [];
  const sleeps: number[] = [];
  const deps = {
    publisher,
    deadLetters,
    log: { info: () => undefined, warn: (message: string, attributes: Record<string, unknown>) => warnings.push({ message, attributes }) },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return { publisher, deadLetters, warnings, sleeps, forward: (records: ActivityRecord[]) => forwardActivity(deps, records) };
};

describe('forwarding activity items as events', () => {
  it('maps an activity item to one referral.rejected event with a stable id and no secret', async () => {
    const { publisher, forward } = setup();
    const input = record('attr-1', 'req-1');
    expect(await forward([input])).toEqual({ published: 1, ignored: 0, deadLettered: 0, failedFrom: undefined });
    expect(publisher.published).toEqual([
      {
        source: 'crawlora.referrals',
        detailType: 'referral.rejected',
        detail: {
          event_id: 'attr-1:req-1',
          attribution_id: 'attr-1',
          previous_status: 'review_required',
          status: 'rejected',
          reason: 'same billing account',
          reason_code: null,
          reviewed_by: 'admin-1',
          reviewed_at: '2026-11-27T10:00:00.000Z',
          auth_method: 'api_key',
          request_id: 'req-1',
          attribution: { id: 'attr-1', status: 'rejected', reviewed_by: 'admin-1', reviewed_at: '2026-11-27T10:00:00.000Z' },
        },
      },
    ]);
    expect(JSON.stringify(publisher.published)).not.toMatch(/key_hash|ck_|Bearer|subject_id/);
  });

  it('gives a reject without a reason the reason null', async () => {
    const { publisher, forward } = setup();
    const { reason: _reason, ...withoutReason } = activity('attr-2', 'req-2');
    const input = record('attr-2', 'req-2');
    input.image = { pk: 'attr-2', sk: input.keys.sk, ...withoutReason };
    await forward([input]);
    expect(publisher.published[0]?.detail).toMatchObject({ reason: null });
  });

  it('ignores records that are not new activity items, and never fails the batch for them', async () => {
    const { publisher, forward } = setup();
    const modified = { ...record('attr-3', 'req-3'), eventName: 'MODIFY' };
    const attribution: ActivityRecord = {
      sequenceNumber: '1',
      eventName: 'INSERT',
      keys: { pk: 'attr-3', sk: 'attribution' },
      activity: false,
      image: { pk: 'attr-3', sk: 'attribution', status: 'rejected' },
    };
    const removed: ActivityRecord = {
      sequenceNumber: '2',
      eventName: 'REMOVE',
      keys: { pk: 'attr-3', sk: 'activity#x' },
      activity: true,
      image: undefined,
    };
    expect(await forward([modified, attribution, removed])).toEqual({ published: 0, ignored: 3, deadLettered: 0, failedFrom: undefined });
    expect(publisher.requests).toEqual([]);
  });

  it('announces no event for a forced release of a claim, and goes on with the decisions after it', async () => {
    const { publisher, forward } = setup();
    const released = record('attr-9', 'req-release', {
      action: 'claim_released',
      released_claim: { by: 'bob', until: '2026-11-27T10:15:00.000Z' },
    });
    const decided = record('attr-9', 'req-reject');
    expect(await forward([released, decided])).toEqual({ published: 1, ignored: 1, deadLettered: 0, failedFrom: undefined });
    expect(publisher.published.map((event) => event.detail.event_id)).toEqual(['attr-9:req-reject']);
  });

  it('sends a malformed activity item to the dead-letter queue by its keys, logging its keys and never its contents', async () => {
    const { publisher, deadLetters, warnings, forward } = setup();
    const broken = record('attr-4', 'req-4');
    broken.image = { pk: 'attr-4', sk: broken.keys.sk, action: 'reject', reason: 'SECRET-CONTENT' };
    const fine = record('attr-5', 'req-5');
    expect(await forward([broken, fine])).toEqual({ published: 1, ignored: 0, deadLettered: 1, failedFrom: undefined });
    expect(deadLetters.letters).toEqual([
      { reason: 'malformed activity item', table_keys: broken.keys, sequence_number: broken.sequenceNumber },
    ]);
    expect(JSON.stringify([deadLetters.letters, warnings])).not.toContain('SECRET-CONTENT');
    expect(warnings[0]?.attributes).toEqual({ table_keys: broken.keys, sequence_number: broken.sequenceNumber });
    expect(publisher.published.map((event) => event.detail.attribution_id)).toEqual(['attr-5']);
  });

  it('publishes what came before a malformed item, and reports the item when the dead-letter queue fails', async () => {
    const { publisher, deadLetters, forward } = setup();
    deadLetters.failure = new Error('queue down');
    const first = record('attr-6', 'req-6');
    const broken = record('attr-7', 'req-7');
    broken.image = { pk: 'attr-7' };
    const after = record('attr-8', 'req-8');
    expect(await forward([first, broken, after])).toMatchObject({ published: 1, failedFrom: broken.sequenceNumber });
    expect(publisher.published.map((event) => event.detail.attribution_id)).toEqual(['attr-6']);
  });

  it('batches up to 10 events a request, in stream order, never two of one attribution in a request', async () => {
    const { publisher, forward } = setup();
    const records = [
      ...Array.from({ length: 12 }, (_, index) => record(`attr-b${index}`, `req-b${index}`)),
      record('attr-b11', 'req-again'),
    ];
    await forward(records);
    expect(publisher.requests.map((events) => events.length)).toEqual([10, 2, 1]);
    expect(publisher.published.map((event) => 'request_id' in event.detail && event.detail.request_id)).toEqual(
      records.map((item) => (item.image as Activity).request_id),
    );
  });

  it('retries the entries PutEvents failed, with backoff, and publishes each once', async () => {
    const { publisher, sleeps, forward } = setup();
    publisher.script.push([1, 2], [0]);
    const records = [record('attr-c1', 'r1'), record('attr-c2', 'r2'), record('attr-c3', 'r3')];
    expect(await forward(records)).toMatchObject({ published: 3, failedFrom: undefined });
    expect(publisher.requests.map((events) => events.map((event) => event.detail.attribution_id))).toEqual([
      ['attr-c1', 'attr-c2', 'attr-c3'],
      ['attr-c2', 'attr-c3'],
      ['attr-c2'],
    ]);
    expect(publisher.published.map((event) => event.detail.attribution_id).sort()).toEqual(['attr-c1', 'attr-c2', 'attr-c3']);
    expect(sleeps).toEqual([100, 200]);
  });

  it('retries a request that failed outright', async () => {
    const { publisher, forward } = setup();
    publisher.script.push('throw');
    expect(await forward([record('attr-d1', 'r1')])).toMatchObject({ published: 1, failedFrom: undefined });
    expect(publisher.requests).toHaveLength(2);
  });

  it('reports the earliest failed record after the retries, and sends nothing after it', async () => {
    const { publisher, forward } = setup();
    const records = Array.from({ length: 12 }, (_, index) => record(`attr-e${index}`, `r${index}`));
    for (let attempt = 0; attempt <= ENTRY_RETRIES; attempt++) publisher.script.push(attempt === 0 ? [3, 5] : [0, 1]);
    const result = await forward(records);
    expect(result).toMatchObject({ published: 8, failedFrom: records[3]?.sequenceNumber });
    expect(publisher.requests).toHaveLength(1 + ENTRY_RETRIES);
    // The second request (records 10 and 11) is never sent: a retry from record 3 will carry them, in order.
    expect(publisher.published.map((event) => event.detail.attribution_id)).not.toContain('attr-e10');
  });

  it('sends an entry EventBridge refuses for good straight to the dead-letter queue, with the event, never holding the batch', async () => {
    const { publisher, deadLetters, sleeps, forward } = setup();
    publisher.script.push({ 1: 'MalformedDetail', 2: 'ThrottlingException' });
    const records = [record('attr-f1', 'r1'), record('attr-f2', 'r2'), record('attr-f3', 'r3')];
    const result = await forward(records);
    expect(result).toEqual({ published: 2, ignored: 0, deadLettered: 1, failedFrom: undefined });
    // Only the throttled entry is sent again.
    expect(publisher.requests.map((events) => events.map((event) => event.detail.attribution_id))).toEqual([
      ['attr-f1', 'attr-f2', 'attr-f3'],
      ['attr-f3'],
    ]);
    expect(sleeps).toEqual([100]);
    expect(deadLetters.letters).toEqual([
      {
        reason: 'event refused by EventBridge',
        code: 'MalformedDetail',
        table_keys: records[1]?.keys,
        sequence_number: records[1]?.sequenceNumber,
        event: expect.objectContaining({ detail: expect.objectContaining({ event_id: 'attr-f2:r2' }) }),
      },
    ]);
  });

  it.each(['InternalFailure', 'ThrottlingException'])('retries an entry failed with %s', async (code) => {
    const { publisher, deadLetters, forward } = setup();
    publisher.script.push({ 0: code });
    expect(await forward([record('attr-g1', 'r1')])).toMatchObject({ published: 1, deadLettered: 0, failedFrom: undefined });
    expect(publisher.requests).toHaveLength(2);
    expect(deadLetters.letters).toEqual([]);
  });

  it('reports a refused event when the dead-letter queue cannot take it, so that the batch is retried from it', async () => {
    const { publisher, deadLetters, forward } = setup();
    deadLetters.failure = new Error('queue down');
    publisher.script.push({ 0: 'AccessDeniedException' });
    const refused = record('attr-h1', 'r1');
    expect(await forward([refused])).toMatchObject({ published: 0, failedFrom: refused.sequenceNumber });
  });

  it("keeps each request under PutEvents' limit of entries, as EventBridge counts them", async () => {
    const { publisher, forward } = setup();
    // Reasons are at most 500 characters; events of 240 KB stand in for entries near the request's size.
    const big = (index: number) => record(`attr-k${index}`, `r${index}`, { reason: 'x'.repeat(240_000) });
    const records = Array.from({ length: 9 }, (_, index) => big(index));
    await forward(records);
    expect(publisher.requests.map((events) => events.length)).toEqual([4, 4, 1]);
    for (const request of publisher.requests) {
      expect(request.reduce((sum, event) => sum + entrySize(event), 0)).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    }
    expect(entrySize(publisher.requests[0]![0]!)).toBe(
      Buffer.byteLength('crawlora.referrals') +
        Buffer.byteLength('referral.rejected') +
        Buffer.byteLength(JSON.stringify(publisher.requests[0]![0]!.detail)),
    );
  });

  it('sets aside an event too large for any request, and publishes the rest', async () => {
    const { publisher, deadLetters, forward } = setup();
    const huge = record('attr-m1', 'r1', { reason: 'x'.repeat(MAX_REQUEST_BYTES) });
    const fine = record('attr-m2', 'r2');
    expect(await forward([huge, fine])).toMatchObject({ published: 1, deadLettered: 1, failedFrom: undefined });
    expect(deadLetters.letters.map((letter) => letter.code)).toEqual(['EntryTooLarge']);
    expect(publisher.published.map((event) => event.detail.attribution_id)).toEqual(['attr-m2']);
  });

  it('takes an entry of exactly the limit, and fills a request up to exactly the limit', async () => {
    const { publisher, deadLetters, forward } = setup();
    // Measure an event with a one-character reason, then grow the reason to reach the size wanted.
    const exactly = (id: string, bytes: number) => {
      const oneChar = entrySizeOf(record(id, `r-${id}`, { reason: 'x' }));
      return record(id, `r-${id}`, { reason: 'x'.repeat(1 + bytes - oneChar) });
    };
    const whole = exactly('attr-n1', MAX_REQUEST_BYTES);
    const half = Math.floor(MAX_REQUEST_BYTES / 2);
    const halves = [exactly('attr-n2', half), exactly('attr-n3', MAX_REQUEST_BYTES - half)];
    expect(await forward([whole, ...halves])).toMatchObject({ published: 3, deadLettered: 0 });
    expect(deadLetters.letters).toEqual([]);
    expect(publisher.requests.map((events) => events.map((event) => event.detail.attribution_id))).toEqual([
      ['attr-n1'],
      ['attr-n2', 'attr-n3'],
    ]);
  });

  it('takes the documented 1 MB as 1,000,000 bytes, less than which a request must be', () => {
    expect(MAX_REQUEST_BYTES).toBe(1_000_000 - 1);
    expect(MAX_DEAD_LETTER_BYTES).toBe(1_048_576);
  });

  it("publishes the events of activity items near DynamoDB's 400 KB item limit, two a request", async () => {
    const { publisher, deadLetters, forward } = setup();
    const near = record('attr-s1', 'r1', { reason: 'x'.repeat(395_000) });
    expect(itemSize(near.image as Record<string, unknown>)).toBeGreaterThan(395_000);
    expect(itemSize(near.image as Record<string, unknown>)).toBeLessThanOrEqual(DYNAMODB_ITEM_LIMIT);
    const next = record('attr-s2', 'r2', { reason: 'x'.repeat(395_000) });
    const third = record('attr-s3', 'r3', { reason: 'x'.repeat(395_000) });
    expect(await forward([near, next, third])).toMatchObject({ published: 3, deadLettered: 0 });
    expect(deadLetters.letters).toEqual([]);
    expect(publisher.requests.map((events) => events.map((event) => event.detail.attribution_id))).toEqual([
      ['attr-s1', 'attr-s2'],
      ['attr-s3'],
    ]);
  });

  it('sets aside, by its keys and size, an event of an item near the 400 KB limit that JSON makes too large, and goes on', async () => {
    const { publisher, deadLetters, forward } = setup();
    // A control character is one byte in the item and six in the event's JSON (\u0001).
    const escaped = record('attr-t1', 'r1', { reason: '\u0001'.repeat(395_000) });
    expect(itemSize(escaped.image as Record<string, unknown>)).toBeLessThanOrEqual(DYNAMODB_ITEM_LIMIT);
    expect(entrySizeOf(escaped)).toBeGreaterThan(MAX_DEAD_LETTER_BYTES);
    const after = record('attr-t1', 'r2');
    expect(await forward([escaped, after])).toMatchObject({ published: 1, deadLettered: 1, failedFrom: undefined });
    expect(deadLetters.letters).toEqual([
      {
        reason: 'event refused by EventBridge',
        code: 'EntryTooLarge',
        table_keys: escaped.keys,
        sequence_number: escaped.sequenceNumber,
        event_bytes: entrySizeOf(escaped),
      },
    ]);
    expect(publisher.published.map((event) => event.detail.event_id)).toEqual(['attr-t1:r2']);
  });

  it('keeps the refused event in its letter whenever the letter fits the queue', async () => {
    const { deadLetters, forward } = setup();
    const tooLarge = record('attr-u1', 'r1', { reason: 'x'.repeat(MAX_REQUEST_BYTES) });
    await forward([tooLarge]);
    expect(deadLetters.letters[0]).toMatchObject({ code: 'EntryTooLarge', event: { detail: { event_id: 'attr-u1:r1' } } });
    expect(Buffer.byteLength(JSON.stringify(deadLetters.letters[0]))).toBeLessThanOrEqual(MAX_DEAD_LETTER_BYTES);
  });

  it('sends no empty request when every event of a chunk is set aside', async () => {
    const { publisher, forward } = setup();
    await forward([record('attr-p1', 'r1', { reason: 'x'.repeat(MAX_REQUEST_BYTES) })]);
    expect(publisher.requests).toEqual([]);
  });

  it('sets aside an entry PutEvents gave no outcome for, and logs each retry with its codes', async () => {
    const { publisher, deadLetters, warnings, forward } = setup();
    publisher.script.push({ 0: 'ThrottlingException', 1: 'InternalFailure' }, 'throw');
    const records = [record('attr-q1', 'r1'), record('attr-q2', 'r2')];
    expect(await forward(records)).toMatchObject({ published: 2, failedFrom: undefined });
    expect(deadLetters.letters).toEqual([]);
    expect(warnings.map((warning) => [warning.message, warning.attributes.codes ?? warning.attributes.error_name])).toEqual([
      ['retrying events PutEvents did not take', ['ThrottlingException', 'InternalFailure']],
      ['PutEvents failed as a whole', 'InternalException'],
      ['retrying events PutEvents did not take', ['RequestFailed']],
    ]);
    const short = setup();
    short.publisher.publish = async () => [];
    expect(await short.forward([record('attr-q3', 'r3')])).toMatchObject({ published: 0, deadLettered: 1 });
    expect(short.deadLetters.letters.map((letter) => letter.code)).toEqual(['Unknown']);
  });

  it('stops at an event it could neither publish nor set aside, before any later malformed item', async () => {
    const refusedFirst = setup();
    refusedFirst.deadLetters.failure = new Error('queue down');
    refusedFirst.publisher.script.push({ 0: 'MalformedDetail' });
    const refused = record('attr-s1', 'r1');
    const broken = record('attr-s2', 'r2');
    broken.image = { pk: 'attr-s2' };
    expect(await refusedFirst.forward([refused, broken])).toMatchObject({ failedFrom: refused.sequenceNumber });

    const failingFirst = setup();
    for (let attempt = 0; attempt <= ENTRY_RETRIES; attempt++) failingFirst.publisher.script.push([0]);
    const failing = record('attr-s3', 'r3');
    const brokenToo = record('attr-s4', 'r4');
    brokenToo.image = { pk: 'attr-s4' };
    expect(await failingFirst.forward([failing, brokenToo])).toMatchObject({ failedFrom: failing.sequenceNumber, deadLettered: 0 });
    expect(failingFirst.deadLetters.letters).toEqual([]);
  });

  it('sets aside an activity item without its partition key, even when its fields are whole', async () => {
    const { publisher, deadLetters, forward } = setup();
    const keyless = record('attr-t1', 'r1');
    const { pk: _pk, ...image } = keyless.image as Record<string, unknown>;
    keyless.image = image;
    expect(await forward([keyless])).toMatchObject({ published: 0, deadLettered: 1 });
    expect(deadLetters.letters.map((letter) => letter.reason)).toEqual(['malformed activity item']);
    expect(publisher.requests).toEqual([]);
  });
});

/** The size EventBridge counts for the event an activity record becomes. */
const entrySizeOf = (input: ActivityRecord): number => {
  const { pk, sk: _sk, ...fields } = input.image as Record<string, unknown>;
  return entrySize(reviewEvent(String(pk), fields as Activity) as DomainEvent);
};
