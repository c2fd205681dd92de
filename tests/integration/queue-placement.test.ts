// A stale image of an attribution (its status moved on after the stream record was written, and the older record
// arrives or is retried last) never puts it back into a queue it has left: the queue key follows the current status.

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createQueuePlacer } from '../../functions/adapters/queue-placement.js';
import { QUEUE_KEY, queueKey, queueShard } from '../../functions/adapters/referrals-table.js';
import { createQueueIndexerDeps } from '../../functions/handlers/queue-indexer/dependencies.js';
import { createHandler as createIndexerHandler } from '../../functions/handlers/queue-indexer/handler.js';
import { createObservability } from '../../functions/shared/observability.js';
import { rejectRequest, withKey } from '../support/api.js';
import { context } from '../support/lambda.js';
import { db, givenApiKey, givenAttribution, givenStatusWritten, tables, uniqueId } from '../support/table-records.js';

const stored = async (id: string) =>
  (await db.send(new GetCommand({ TableName: tables.referrals, Key: { pk: id, sk: 'attribution' }, ConsistentRead: true }))).Item;

/** An attribution as the referral pipeline writes it: its fields and the status, no queue attribute. */
const pipelineWrite = (id: string, status: string) =>
  db.send(
    new PutCommand({
      TableName: tables.referrals,
      Item: { pk: id, sk: 'attribution', id, status, created_at: '2026-11-01T00:00:00.000Z', code: 'A1B2C3D4E5F6' },
    }),
  );

const placer = createQueuePlacer(db, tables.referrals);
const indexer = createIndexerHandler(
  createQueueIndexerDeps({ ...process.env, REFERRALS_TABLE: tables.referrals }, db),
  createObservability(),
);

/** The two ways an image reaches the placement: the placer itself, and the queue indexer's handler on a stream batch. */
const deliveries = {
  'the placer': async (image: Record<string, unknown>) => {
    expect(await placer.place(image)).toBe('moved');
  },
  "the queue indexer's handler, on a retried stream record": async (image: Record<string, unknown>) => {
    const record = {
      eventID: uniqueId('event'),
      eventName: 'MODIFY',
      dynamodb: { SequenceNumber: '4100000000000000000001', NewImage: marshall(image, { removeUndefinedValues: true }) },
    } as unknown as DynamoDBStreamEvent['Records'][number];
    expect(await indexer({ Records: [record] }, context())).toEqual({ batchItemFailures: [] });
  },
};

describe.each(Object.entries(deliveries))('an old image delivered after a newer write, through %s', (_name, deliver) => {
  it('leaves a referral the pipeline moved on from review out of the queue', async () => {
    const id = uniqueId('stale');
    await pipelineWrite(id, 'review_required');
    const held = (await stored(id)) as Record<string, unknown>;
    // The pipeline rewards it; the record of that newer write is placed first (nothing to do: no queue key).
    await givenStatusWritten(id, 'rewarded');
    expect(await placer.place((await stored(id)) as Record<string, unknown>)).toBe('current');

    await deliver(held);

    const item = await stored(id);
    expect(item?.status).toBe('rewarded');
    expect(item?.[QUEUE_KEY]).toBeUndefined();
  });

  it('keeps a rejected referral in the rejected queue', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const held = (await stored(attribution.id)) as Record<string, unknown>;
    expect(held[QUEUE_KEY]).toBe(queueKey('review_required', queueShard(attribution.id)));
    expect((await rejectRequest(attribution.id, { headers: withKey(admin.key) })).status).toBe(200);
    // The image without its queue key, as the pipeline's write of it carried none.
    const { [QUEUE_KEY]: _key, ...image } = held;

    await deliver(image);

    const item = await stored(attribution.id);
    expect(item?.status).toBe('rejected');
    expect(item?.[QUEUE_KEY]).toBe(queueKey('rejected', queueShard(attribution.id)));
  });
});
