import { describe, expect, it } from 'vitest';
import { type AttributionChange, placeStreamBatch, type QueuePlacer } from '../../../functions/adapters/queue-placement.js';
import { attributionItem, queueShard } from '../../../functions/adapters/referrals-table.js';

/** A placer that records what it was asked, and fails for the ids given. */
const recordingPlacer = (failing: string[] = []) => {
  const placed: Record<string, unknown>[] = [];
  const placer: QueuePlacer = {
    async place(item) {
      if (failing.includes(String(item.pk))) throw new Error('ProvisionedThroughputExceededException');
      placed.push(item);
      return item.queue_key === undefined ? 'written' : 'current';
    },
  };
  return { placer, placed };
};

const change = (sequenceNumber: string, image: Record<string, unknown> | undefined): AttributionChange => ({ sequenceNumber, image });
const pipelineWrite = (id: string, status: string) => ({ pk: id, sk: 'attribution', id, status, created_at: '2026-11-01T00:00:00.000Z' });

describe('the queue indexer, batch by batch', () => {
  it('places each attribution once, by its newest image in the batch, and nothing that is not an attribution', async () => {
    const { placer, placed } = recordingPlacer();
    const result = await placeStreamBatch(placer, [
      change('1', pipelineWrite('a', 'review_required')),
      change('2', pipelineWrite('b', 'rewarded')),
      change('3', pipelineWrite('a', 'rewarded')),
      change('4', { pk: 'a', sk: 'activity#2026#r' }),
      change('5', undefined),
    ]);
    expect(placed.map((item) => [item.pk, item.status])).toEqual([
      ['a', 'rewarded'],
      ['b', 'rewarded'],
    ]);
    expect(result).toEqual({ written: 2, current: 0, moved: 0, failed: 0 });
  });

  it('fails the batch from the earliest record of an attribution it could not place, and names the error', async () => {
    const { placer } = recordingPlacer(['c', 'b']);
    const result = await placeStreamBatch(placer, [
      change('10', pipelineWrite('a', 'review_required')),
      change('11', pipelineWrite('b', 'review_required')),
      change('12', pipelineWrite('c', 'review_required')),
      change('13', pipelineWrite('b', 'rewarded')),
    ]);
    expect(result).toMatchObject({ written: 1, failed: 2, failedFrom: '11', error: 'Error: ProvisionedThroughputExceededException' });
  });

  it('counts an attribution already placed as current', async () => {
    const { placer } = recordingPlacer();
    const placedAlready = attributionItem({ id: 'd', status: 'review_required', created_at: 'c' });
    expect(placedAlready.queue_key).toBe(`review_required#${queueShard('d')}`);
    expect(await placeStreamBatch(placer, [change('20', placedAlready)])).toEqual({ written: 0, current: 1, moved: 0, failed: 0 });
  });
});
