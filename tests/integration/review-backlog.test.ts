// The review backlog pass on a seeded table: HeldCount counts the review_required entries of the review queue's 16
// shards, and OldestHeldAgeSeconds is the age of the earliest held_at among them, exact, whatever their order of
// creation; both go out as embedded metrics. While the pass reads, the count is off by at most the referrals that
// entered or left review meanwhile.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHeldQueueReader } from '../../functions/adapters/held-queue.js';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { createReviewBacklogDeps } from '../../functions/handlers/review-backlog/dependencies.js';
import type { Attribution } from '../../functions/referrals/attribution.js';
import { measureBacklog } from '../../functions/referrals/review-backlog.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { context } from '../support/lambda.js';
import { db, givenStatusWritten, uniqueId } from '../support/table-records.js';

const names = { ...LOCAL_TABLE_NAMES, referrals: `referrals-backlog-${uniqueId('t')}` };
const env = { ...process.env, REFERRALS_TABLE: names.referrals };
const seed = createSeedWriter(db, names);
const NOW = new Date('2026-12-07T12:00:00.000Z');
const HELD = 300;

const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();

/** 300 held referrals over every shard, created in id order but held in another: the oldest held is not the oldest created. */
const held: Attribution[] = Array.from({ length: HELD }, (_, index) => ({
  id: `b-${String(index).padStart(4, '0')}`,
  status: 'review_required',
  created_at: at(500 - index),
  // Held between 1 and 40 hours ago, the referral created 173rd held first of all, 52 hours ago.
  held_at: index === 173 ? at(52) : at(1 + ((index * 7) % 40)),
}));

beforeAll(async () => {
  await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names);
  await seed.putAll([
    ...held.map((attribution) => seed.items.attribution(attribution)),
    // Rejected from the queue, and never held: not counted, whatever their age.
    ...Array.from({ length: 40 }, (_, index) =>
      seed.items.attribution({ id: `r-${index}`, status: 'rejected', created_at: at(900), held_at: at(800) }),
    ),
    ...Array.from({ length: 40 }, (_, index) => seed.items.attribution({ id: `a-${index}`, status: 'attributed', created_at: at(900) })),
  ]);
});

describe('the review backlog pass', () => {
  it('counts every held referral and gives the age of the oldest hold, exactly, as embedded metrics', async () => {
    const output: string[] = [];
    vi.resetModules();
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    try {
      const { createHandler } = await import('../../functions/handlers/review-backlog/handler.js');
      const report = await createHandler({ ...createReviewBacklogDeps(env, db), now: () => NOW })({}, context());

      expect(report).toMatchObject({
        heldCount: HELD,
        oldestHeldAgeSeconds: 52 * 3600,
        oldestHeldAt: at(52),
        withoutHeldAt: 0,
        shardsCut: 0,
      });
      const documents = output
        .flatMap((chunk) => chunk.split('\n'))
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line));
      expect(documents).toHaveLength(1);
      expect(documents[0]).toMatchObject({ OldestHeldAgeSeconds: 52 * 3600, HeldCount: HELD, service: 'referrals-admin' });
      expect(documents[0]._aws.CloudWatchMetrics[0]).toMatchObject({
        Namespace: 'ReferralsAdmin',
        Dimensions: [expect.arrayContaining(['service', 'stage'])],
        Metrics: expect.arrayContaining([
          { Name: 'OldestHeldAgeSeconds', Unit: 'Seconds' },
          { Name: 'HeldCount', Unit: 'Count' },
        ]),
      });
      // What a pass costs: one query a shard at least, and the bytes of every held entry.
      console.info(`backlog pass over ${HELD} held referrals: ${report.readUnits} read units (DynamoDB Local's count)`);
      expect(report.readUnits).toBeGreaterThanOrEqual(16 * 0.5);
    } finally {
      write.mockRestore();
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    }
  });

  it('reads the age of a referral held before held_at existed from its created_at, and counts it', async () => {
    const legacy: Attribution = { id: uniqueId('legacy'), status: 'review_required', created_at: at(70) };
    await seed.putAttribution(legacy);
    try {
      const report = await measureBacklog({ ...createReviewBacklogDeps(env, db), now: () => NOW });
      expect(report).toMatchObject({ heldCount: HELD + 1, oldestHeldAgeSeconds: 70 * 3600, withoutHeldAt: 1 });
    } finally {
      // The pipeline moves it on, and the indexer takes its key away, so that the other tests see the seeded queue.
      await db.send(
        new UpdateCommand({
          TableName: names.referrals,
          Key: { pk: legacy.id, sk: 'attribution' },
          UpdateExpression: 'SET #status = :done REMOVE queue_key',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':done': 'qualified' },
        }),
      );
    }
  });

  it('counts within the referrals that entered or left review while it read, and says when a shard was cut at its budget', async () => {
    const reading = instrumentedClient();
    const entering = Array.from({ length: 3 }, (): Attribution => ({ id: uniqueId('late'), status: 'review_required', held_at: at(0) }));
    // After the first shard's read: three referrals are held, and two held ones leave (the pipeline moved them on,
    // and the indexer has not yet taken their keys away: the status filter leaves them out).
    reading.interleave({
      command: 'QueryCommand',
      times: 1,
      after: async () => {
        await Promise.all(entering.map((attribution) => seed.putAttribution(attribution)));
        for (const id of ['b-0001', 'b-0002']) await givenStatusWritten(id, 'rewarded', names.referrals);
      },
    });
    const during = await measureBacklog({ backlog: createHeldQueueReader(reading.client, names.referrals), now: () => NOW });
    expect(during.heldCount).toBeGreaterThanOrEqual(HELD - 2);
    expect(during.heldCount).toBeLessThanOrEqual(HELD + 3);
    const after = await measureBacklog({ backlog: createHeldQueueReader(db, names.referrals), now: () => NOW });
    expect(after.heldCount).toBe(HELD + 3 - 2);

    // A budget of one page of 5 entries a shard: each shard's count stops at 5 at most (the two that left review are
    // read and left out), and the pass says that the count is a floor.
    const cut = await measureBacklog({
      backlog: createHeldQueueReader(db, names.referrals, { pageEntries: 5, pagesPerShard: 1 }),
      now: () => NOW,
    });
    expect(cut.shardsCut).toBe(16);
    expect(cut.heldCount).toBeGreaterThanOrEqual(16 * 5 - 2);
    expect(cut.heldCount).toBeLessThanOrEqual(16 * 5);
  });
});

afterAll(() => vi.restoreAllMocks());
