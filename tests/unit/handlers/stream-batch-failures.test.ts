import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { activitySortKey } from '../../../functions/adapters/referrals-table.js';
import { createHandler as createForwarderHandler } from '../../../functions/handlers/forwarder/handler.js';
import { createHandler as createIndexerHandler } from '../../../functions/handlers/queue-indexer/handler.js';
import { createObservability } from '../../../functions/shared/observability.js';
import { outcomeOf } from '../../../local/stream-batches.js';
import { FakeDeadLetters, FakePublisher } from '../../support/fakes.js';
import { context } from '../../support/lambda.js';

type StreamRecord = DynamoDBStreamEvent['Records'][number];
/** Stream images hold no binary here, where the SDK's and Lambda's attribute value types differ. */
const streamImage = (item: Record<string, unknown>) => marshall(item) as NonNullable<StreamRecord['dynamodb']>['NewImage'];

/**
 * A stream record as Lambda hands it over: an eventID and a sequence number that differ, so that a response naming
 * a record by the wrong one cannot pass.
 */
const streamRecord = (index: number, eventName: 'INSERT' | 'MODIFY', image: Record<string, unknown>): StreamRecord => ({
  eventID: `c4ca4238a0b923820dcc509a6f75849b-${index}`,
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: {
    Keys: streamImage({ pk: image.pk, sk: image.sk }),
    NewImage: streamImage(image),
    SequenceNumber: `41000000000000000000${index}`,
    StreamViewType: 'NEW_IMAGE',
  },
});

/** What the event source mapping makes of a response: the checkpoint at the named record, or the whole batch again. */
const expectRetriedFrom = (records: StreamRecord[], response: DynamoDBBatchResponse | undefined, failed: number) => {
  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[failed]?.dynamodb?.SequenceNumber }] });
  expect(outcomeOf(records, response)).toEqual({ kind: 'partial', from: failed });
};

describe('a stream reader reports the records it failed by their sequence number', () => {
  it('the forwarder: from the activity item it could neither publish nor set aside', async () => {
    const activity = (id: string, requestId: string) => {
      const at = '2026-11-27T10:00:00.000Z';
      return {
        pk: id,
        sk: activitySortKey(at, requestId),
        action: 'reject',
        previous_status: 'review_required',
        actor: 'admin-1',
        auth_method: 'api_key',
        subject_id: 'key_1',
        request_id: requestId,
        at,
        attribution: { id, status: 'rejected' },
      };
    };
    const deadLetters = new FakeDeadLetters();
    deadLetters.failure = new Error('SQS unavailable');
    const handler = createForwarderHandler({ publisher: new FakePublisher(), deadLetters }, createObservability());
    const { at: _at, ...malformed } = activity('attr-2', 'req-2');
    const records = [
      streamRecord(1, 'INSERT', activity('attr-1', 'req-1')),
      streamRecord(2, 'INSERT', { ...malformed, at: 42 }),
      streamRecord(3, 'INSERT', activity('attr-3', 'req-3')),
    ];

    expectRetriedFrom(records, await handler({ Records: records }, context()), 1);
  });

  it('the queue indexer: from the earliest record of the attribution it could not place', async () => {
    const handler = createIndexerHandler(
      {
        placer: {
          async place(item) {
            if (item.pk === 'attr-b') throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
            return 'written';
          },
        },
      },
      createObservability(),
    );
    const attribution = (id: string, status: string) => ({ pk: id, sk: 'attribution', id, status, created_at: '2026-11-01T00:00:00.000Z' });
    const records = [
      streamRecord(1, 'MODIFY', attribution('attr-a', 'review_required')),
      streamRecord(2, 'MODIFY', attribution('attr-b', 'review_required')),
      streamRecord(3, 'MODIFY', attribution('attr-b', 'rewarded')),
    ];

    expectRetriedFrom(records, await handler({ Records: records }, context()), 1);
  });

  it('each reports nothing when nothing failed', async () => {
    const forwarder = createForwarderHandler({ publisher: new FakePublisher(), deadLetters: new FakeDeadLetters() }, createObservability());
    const indexer = createIndexerHandler({ placer: { place: async () => 'current' } }, createObservability());
    const records = [streamRecord(1, 'MODIFY', { pk: 'attr-c', sk: 'attribution', id: 'attr-c', status: 'rewarded' })];
    for (const handler of [forwarder, indexer]) {
      const response = await handler({ Records: records }, context());
      expect(response).toEqual({ batchItemFailures: [] });
      expect(outcomeOf(records, response)).toEqual({ kind: 'success' });
    }
  });
});
