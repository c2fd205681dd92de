import { describe, expect, it } from 'vitest';
import { holdPut } from '../../../functions/adapters/referrals-table.js';
import { type ActivityRecord, forwardActivity } from '../../../functions/events/forward-activity.js';
import { holdOf } from '../../../functions/referrals/hold.js';
import { FakeDeadLetters, FakePublisher } from '../../support/fakes.js';

let sequence = 500;
/** A hold item's insert, as the forwarder reads it off the stream. */
const holdRecord = (attributionId: string, heldAt: string, image?: Record<string, unknown>): ActivityRecord => {
  const { Item } = holdPut('referrals', attributionId, holdOf({ referrer_user_id: 'user-ring', risk_flags: ['velocity'] }, heldAt));
  sequence += 1;
  return {
    sequenceNumber: String(sequence),
    eventName: 'INSERT',
    keys: { pk: Item.pk, sk: Item.sk },
    activity: false,
    hold: true,
    image: image ?? Item,
  };
};

const setup = () => {
  const publisher = new FakePublisher();
  const deadLetters = new FakeDeadLetters();
  const deps = { publisher, deadLetters, log: { info: () => undefined, warn: () => undefined }, sleep: async () => undefined };
  return { publisher, deadLetters, forward: (records: ActivityRecord[]) => forwardActivity(deps, records) };
};

describe('the referral.review_opened event', () => {
  it("is published for a hold item's insert, with the referral's id, referrer, risk flags and held_at", async () => {
    const { publisher, forward } = setup();
    expect(await forward([holdRecord('attr-1', '2026-12-01T10:00:00.000Z')])).toMatchObject({ published: 1, deadLettered: 0 });
    expect(publisher.published).toEqual([
      {
        source: 'crawlora.referrals',
        detailType: 'referral.review_opened',
        detail: {
          event_id: 'attr-1:2026-12-01T10:00:00.000Z',
          attribution_id: 'attr-1',
          referrer_user_id: 'user-ring',
          risk_flags: ['velocity'],
          held_at: '2026-12-01T10:00:00.000Z',
        },
      },
    ]);
  });

  it('carries one event_id however often the stream hands the same hold over', async () => {
    const { publisher, forward } = setup();
    const record = holdRecord('attr-2', '2026-12-01T10:00:00.000Z');
    await forward([record]);
    await forward([record]);
    expect(new Set(publisher.published.map((event) => event.detail.event_id))).toEqual(new Set(['attr-2:2026-12-01T10:00:00.000Z']));
  });

  it('gives a hold without referrer or risk flags null and an empty list', async () => {
    const { publisher, forward } = setup();
    const record = holdRecord('attr-3', '2026-12-01T10:00:00.000Z');
    await forward([{ ...record, image: { pk: 'attr-3', sk: record.keys.sk, held_at: '2026-12-01T10:00:00.000Z' } }]);
    expect(publisher.published[0]?.detail).toMatchObject({ referrer_user_id: null, risk_flags: [] });
  });

  it("ignores a hold item's change or removal, and sends a malformed one to the dead-letter queue by its keys", async () => {
    const { publisher, deadLetters, forward } = setup();
    const modified = { ...holdRecord('attr-4', '2026-12-01T10:00:00.000Z'), eventName: 'MODIFY' };
    const removed = { ...holdRecord('attr-4', '2026-12-01T11:00:00.000Z'), eventName: 'REMOVE', image: undefined };
    const broken = holdRecord('attr-5', '2026-12-01T10:00:00.000Z', { pk: 'attr-5', sk: 'hold#x', held_at: 'yesterday' });
    expect(await forward([modified, removed, broken])).toEqual({ published: 0, ignored: 2, deadLettered: 1, failedFrom: undefined });
    expect(publisher.requests).toEqual([]);
    expect(deadLetters.letters).toEqual([
      { reason: 'malformed hold item', table_keys: broken.keys, sequence_number: broken.sequenceNumber },
    ]);
  });
});
