// The queue follows the status whoever writes it: the referral pipeline's writes, made straight to the table with
// the status alone and no queue attribute, reach the review queue through the table's stream and the queue indexer.
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PLACEMENT_FILTERS } from '../../functions/adapters/stream-filters.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createQueueIndexerDeps } from '../../functions/handlers/queue-indexer/dependencies.js';
import { createHandler as createIndexerHandler } from '../../functions/handlers/queue-indexer/handler.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createListHandler } from '../../functions/handlers/review-queue/list-handler.js';
import { createObservability } from '../../functions/shared/observability.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller.js';
import { checkedGateway, walkQueue, withKey } from '../support/api.js';
import { db, givenApiKey, uniqueId } from '../support/table-records.js';

const names = { ...LOCAL_TABLE_NAMES, referrals: `referrals-pipeline-${uniqueId('t')}` };
const env = { ...process.env, REFERRALS_TABLE: names.referrals };
const gateway = checkedGateway({
  authorizer: createAuthorizerHandler(createAuthorizerDeps()),
  functions: { listReferrals: createListHandler(createReviewQueueDeps(env)) },
});

let poller: StreamPoller;
let admin: Awaited<ReturnType<typeof givenApiKey>>;
beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names);
  poller = await startStreamPoller({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    table: names.referrals,
    consumers: [
      {
        name: 'queue-indexer',
        filters: QUEUE_PLACEMENT_FILTERS,
        handler: createIndexerHandler(createQueueIndexerDeps(env), createObservability()),
      },
    ],
    from: 'LATEST',
    intervalMs: 100,
  });
  admin = await givenApiKey({ plan: 'enterprise' });
});
afterAll(() => poller.stop());

/** An attribution as the referral pipeline writes it: its own fields, the status, and no queue attribute. */
const pipelineItem = (id: string, status: string, created_at: string) => ({
  pk: id,
  sk: 'attribution',
  id,
  status,
  created_at,
  code: 'A1B2C3D4E5F6',
  referrer_user_id: 'user-referrer',
});

const storedItem = async (id: string) =>
  (await db.send(new GetCommand({ TableName: names.referrals, Key: { pk: id, sk: 'attribution' }, ConsistentRead: true }))).Item;

const walk = (status = 'review_required') => walkQueue(status, { headers: withKey(admin.key), gateway });

/** Waits until the queue lists what is expected, and says how long that took. */
const until = async (expected: (ids: string[]) => boolean, status = 'review_required', timeoutMs = 15_000) => {
  const started = Date.now();
  for (;;) {
    const ids = await walk(status);
    if (expected(ids)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`the queue did not follow within ${timeoutMs} ms: ${ids.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('the review queue, while the referral pipeline writes the table', () => {
  it('lists a referral the pipeline holds for review, and drops it when the pipeline moves it to rewarded', async () => {
    const id = uniqueId('held');
    await db.send(new PutCommand({ TableName: names.referrals, Item: pipelineItem(id, 'attributed', '2026-11-01T00:00:00.000Z') }));
    await db.send(
      new UpdateCommand({
        TableName: names.referrals,
        Key: { pk: id, sk: 'attribution' },
        UpdateExpression: 'SET #status = :held, review_reason = :reason, risk_flags = :flags',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':held': 'review_required', ':reason': 'velocity', ':flags': ['velocity'] },
      }),
    );
    const entered = await until((ids) => ids.includes(id));
    await db.send(
      new UpdateCommand({
        TableName: names.referrals,
        Key: { pk: id, sk: 'attribution' },
        UpdateExpression: 'SET #status = :rewarded, rewarded_at = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rewarded': 'rewarded', ':at': '2026-11-02T00:00:00.000Z' },
      }),
    );
    const left = await until((ids) => !ids.includes(id));
    // The list stops showing it at once (its status no longer matches); the indexer then takes its queue key away.
    const started = Date.now();
    while ((await storedItem(id))?.queue_key !== undefined) {
      expect(Date.now() - started).toBeLessThan(15_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await storedItem(id)).toMatchObject({ status: 'rewarded', queue_order: `2026-11-01T00:00:00.000Z#${id}` });
    console.info(`queue indexer delay: entered in ${entered} ms, left in ${left} ms`);
  }, 60_000);

  it('lists exactly the held referrals of a burst of 1,000 pipeline writes, 2 % of them held', async () => {
    const burst = uniqueId('burst');
    const items = Array.from({ length: 1_000 }, (_, index) => {
      const id = `${burst}-${String(index).padStart(4, '0')}`;
      // Every fiftieth is held; the rest are the pipeline's other statuses, as they come.
      const status = index % 50 === 7 ? 'review_required' : ['attributed', 'qualified', 'rewarded', 'expired'][index % 4];
      return pipelineItem(
        id,
        status as string,
        `2026-11-03T00:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}.000Z`,
      );
    });
    const started = Date.now();
    for (let offset = 0; offset < items.length; offset += 25) {
      await db.send(
        new BatchWriteCommand({
          RequestItems: { [names.referrals]: items.slice(offset, offset + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    }
    const held = items.filter((item) => item.status === 'review_required').map((item) => item.id);
    expect(held).toHaveLength(20);
    await until((ids) => held.every((id) => ids.includes(id)));
    console.info(`queue indexer: 1,000 writes, the 20 held listed ${Date.now() - started} ms after the first write`);
    const listed = (await walk()).filter((id) => id.startsWith(burst));
    expect(listed).toEqual(held);
    expect((await walk('rejected')).filter((id) => id.startsWith(burst))).toEqual([]);
  }, 120_000);
});
