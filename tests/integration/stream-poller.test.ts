// npm start's stream poller against DynamoDB Local's real stream, with a reader that fails: it must hand records over as
// the stack's event source mapping does (batches of at most its size, a split batch on a function error, the failing
// record discarded after the mapping's retries), never retrying for ever where AWS gives up.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STREAM_BATCH_SIZE, STREAM_RETRY_ATTEMPTS } from '../../lib/runtime-settings.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller.js';
import { db, uniqueId } from '../support/table-records.js';

const names = { ...LOCAL_TABLE_NAMES, referrals: `referrals-stream-${uniqueId('t')}` };
const POISON = 'item-007';
const batches: string[][] = [];
const delivered = new Set<string>();

let poller: StreamPoller;
beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names);
  poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    table: names.referrals,
    consumers: [
      {
        name: 'reader',
        filters: [{ dynamodb: { NewImage: { sk: { S: ['attribution'] } } } }],
        handler: async (event: DynamoDBStreamEvent) => {
          const ids = event.Records.map((record) => record.dynamodb?.NewImage?.pk?.S ?? '');
          batches.push(ids);
          if (ids.includes(POISON)) throw new Error('cannot read this record');
          for (const id of ids) delivered.add(id);
          return { batchItemFailures: [] };
        },
      },
    ],
    from: 'LATEST',
    intervalMs: 50,
  });
});
afterAll(() => poller.stop());

describe("npm start's stream poller", () => {
  it('isolates a record its reader always fails on, discards it after the retries, and delivers every other record', async () => {
    const ids = Array.from({ length: 20 }, (_, index) => `item-${String(index).padStart(3, '0')}`);
    for (const id of ids) await db.send(new PutCommand({ TableName: names.referrals, Item: { pk: id, sk: 'attribution' } }));
    for (let round = 0; round < 40 && (poller.discarded.get('reader')?.length ?? 0) === 0; round++) await poller.drain();
    await poller.drain();

    expect(poller.discarded.get('reader')?.map((record) => record.dynamodb?.NewImage?.pk?.S)).toEqual([POISON]);
    expect([...delivered].sort()).toEqual(ids.filter((id) => id !== POISON));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(STREAM_BATCH_SIZE);
    // The poison record alone: one try and the mapping's retries, after the splits that isolated it.
    expect(batches.filter((batch) => batch.length === 1 && batch[0] === POISON)).toHaveLength(1 + STREAM_RETRY_ATTEMPTS);
  }, 60_000);
});
