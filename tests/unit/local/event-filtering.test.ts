import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { FORWARDER_FILTERS, QUEUE_PLACEMENT_FILTERS } from '../../../functions/adapters/stream-filters.js';
import { passesFilters, UnsupportedStreamFilter } from '../../../local/event-filtering.js';

/** A stream record of a table streaming new images, as AWS writes it: a REMOVE carries the keys and no image. */
const record = (eventName: string, image: Record<string, unknown>) => ({
  eventName,
  dynamodb: {
    Keys: marshall({ pk: image.pk, sk: image.sk }),
    ...(eventName === 'REMOVE' ? {} : { NewImage: marshall(image) }),
  },
});

describe("npm start's stream filters, as Lambda applies the mappings' own", () => {
  it('hand the forwarder activity and hold items only, never their removal', () => {
    expect(passesFilters(record('INSERT', { pk: 'a', sk: 'activity#2026#r' }), FORWARDER_FILTERS)).toBe(true);
    expect(passesFilters(record('INSERT', { pk: 'a', sk: 'hold#2026-12-01T10:00:00.000Z' }), FORWARDER_FILTERS)).toBe(true);
    expect(passesFilters(record('REMOVE', { pk: 'a', sk: 'activity#2026#r' }), FORWARDER_FILTERS)).toBe(false);
    expect(passesFilters(record('REMOVE', { pk: 'a', sk: 'hold#2026-12-01T10:00:00.000Z' }), FORWARDER_FILTERS)).toBe(false);
    // The attribution's own writes, held or not, never reach the forwarder: its hold item does.
    expect(
      passesFilters(record('MODIFY', { pk: 'a', sk: 'attribution', status: 'review_required', held_at: '2026' }), FORWARDER_FILTERS),
    ).toBe(false);
    expect(passesFilters(record('INSERT', { pk: 'a', sk: 'attribution', status: 'rejected' }), FORWARDER_FILTERS)).toBe(false);
  });

  it('hand the queue indexer attributions in a listed status, and those in another status that still carry a queue key', () => {
    const passes = (eventName: string, image: Record<string, unknown>) => passesFilters(record(eventName, image), QUEUE_PLACEMENT_FILTERS);
    expect(passes('INSERT', { pk: 'a', sk: 'attribution', status: 'review_required' })).toBe(true);
    expect(passes('MODIFY', { pk: 'a', sk: 'attribution', status: 'rejected', queue_key: 'rejected#1' })).toBe(true);
    expect(passes('MODIFY', { pk: 'a', sk: 'attribution', status: 'rewarded', queue_key: 'review_required#1' })).toBe(true);
    // The pipeline's other writes: a click, a qualification, a reward.
    expect(passes('INSERT', { pk: 'a', sk: 'attribution', status: 'attributed' })).toBe(false);
    expect(passes('MODIFY', { pk: 'a', sk: 'attribution', status: 'rewarded' })).toBe(false);
    expect(passes('INSERT', { pk: 'a', sk: 'reward#1', status: 'review_required' })).toBe(false);
    expect(passes('REMOVE', { pk: 'a', sk: 'attribution', status: 'review_required' })).toBe(false);
    expect(passes('INSERT', { pk: 'a', sk: 'activity#2026#r', status: 'review_required' })).toBe(false);
  });

  it('filter on the dynamodb key only, as a DynamoDB event source mapping does: a pattern on eventName is refused', () => {
    for (const filters of [FORWARDER_FILTERS, QUEUE_PLACEMENT_FILTERS])
      for (const filter of filters) expect(Object.keys(filter)).toEqual(['dynamodb']);
    const onEventName = [{ eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: 'activity#' }] } } } }];
    expect(() => passesFilters(record('INSERT', { pk: 'a', sk: 'activity#2026#r' }), onEventName)).toThrow(UnsupportedStreamFilter);
  });
});
