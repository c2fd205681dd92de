import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { attributionItem, QUEUE_SHARDS } from '../../functions/adapters/referrals-table.js';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { monthKey } from '../../functions/adapters/usage-table.js';
import { plans } from '../../functions/billing/plans.js';
import { monthWindow } from '../../functions/billing/windows.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createHandler as createClaimNextHandler } from '../../functions/handlers/claim-next-referrals/handler.js';
import { createClaimNextDeps } from '../../functions/handlers/claims/dependencies.js';
import { pathTo } from '../../functions/http/route.js';
import { claimNextRoute } from '../../functions/http/routes/claim-next-referrals.js';
import { claimReferralRoute } from '../../functions/http/routes/claim-referral.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { releaseClaimRoute } from '../../functions/http/routes/release-claim.js';
import { ensureTables } from '../../local/dynamodb-local.js';
import { apiOnClients, approveRequest, bulkRequest, checkedGateway, rejectRequest, withKey } from '../support/api.js';
import { instrumentedClient, writes } from '../support/instrumented-client.js';
import { db, givenApiKey, givenAttribution, tables, uniqueId, usageRecordsOf } from '../support/table-records.js';

// Counts, not times: how many sequential DynamoDB round trips each path makes.
describe('DynamoDB round trips', () => {
  const authorizerDb = instrumentedClient();
  const functionDb = instrumentedClient();
  const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });

  beforeEach(() => {
    authorizerDb.reset();
    functionDb.reset();
  });

  it('success: the metering round beside the read, then one transaction; the authorizer one lookup, then none while cached', async () => {
    const admin = await givenApiKey();
    const [first, second] = [await givenAttribution(), await givenAttribution()];

    expect((await rejectRequest(first.id, { headers: withKey(admin.key), gateway })).status).toBe(200);
    expect(functionDb.waves()).toBe(2);
    expect(functionDb.calls.map((call) => [call.wave, call.command])).toEqual([
      [1, 'UpdateItemCommand'],
      [1, 'GetItemCommand'],
      [1, 'QueryCommand'],
      [2, 'TransactWriteItemsCommand'],
    ]);
    expect(authorizerDb.waves()).toBe(1);
    expect(authorizerDb.calls.map((call) => call.command)).toEqual(['GetItemCommand']);

    authorizerDb.reset();
    expect((await rejectRequest(second.id, { headers: withKey(admin.key), gateway })).status).toBe(200);
    expect(authorizerDb.calls).toEqual([]);
  });

  it.each([
    ['404', async (): Promise<string> => 'no-such-attribution', 404],
    ['409', async (): Promise<string> => (await givenAttribution({ status: 'rewarded' })).id, 409],
  ] as const)('the %s path makes 1 round trip and no transaction', async (_name, id, status) => {
    const admin = await givenApiKey();
    const target = await id();
    functionDb.reset();
    expect((await rejectRequest(target, { headers: withKey(admin.key), gateway })).status).toBe(status);
    expect(functionDb.waves()).toBe(1);
    expect(functionDb.calls.map((call) => call.command)).not.toContain('TransactWriteItemsCommand');
  });

  it('a keyed replay makes 1 round trip; the keyed first request makes 2', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = { ...withKey(admin.key), 'idempotency-key': 'round-trips-1' };
    functionDb.reset();
    expect((await rejectRequest(attribution.id, { headers, gateway })).status).toBe(200);
    expect(functionDb.waves()).toBe(2);
    functionDb.reset();
    expect((await rejectRequest(attribution.id, { headers, gateway })).status).toBe(200);
    expect(functionDb.waves()).toBe(1);
  });

  it('the list and the single read: the metering round beside the read, then the charge', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    // The list reads every shard of the queue index at once: one query each, all in the first round.
    for (const [path, queries] of [
      [`${pathTo(listReferralsRoute)}?limit=5`, QUEUE_SHARDS],
      [pathTo(getReferralRoute, { id: attribution.id }), 1],
    ] as const) {
      functionDb.reset();
      expect((await gateway({ method: 'GET', path, headers: withKey(admin.key) })).statusCode).toBe(200);
      expect(functionDb.waves(), path).toBe(2);
      expect(functionDb.calls.map((call) => call.command).sort()).toEqual([
        'GetItemCommand',
        ...Array.from({ length: queries }, () => 'QueryCommand'),
        'TransactWriteItemsCommand',
        'UpdateItemCommand',
      ]);
    }
    functionDb.reset();
    const missing = pathTo(getReferralRoute, { id: 'no-such-one' });
    expect((await gateway({ method: 'GET', path: missing, headers: withKey(admin.key) })).statusCode).toBe(404);
    expect(functionDb.waves()).toBe(1);
  });

  it('bulk reject of 100 ids: the metering round beside the read, the reservation, the referrals in parallel, the reservation closed; 4 round trips', async () => {
    const admin = await givenApiKey();
    const ids = await Promise.all(Array.from({ length: 100 }, async () => (await givenAttribution()).id));
    functionDb.reset();
    const response = await bulkRequest({ ids }, { headers: withKey(admin.key), gateway });
    expect(response.body.data.rejected).toBe(100);
    expect(functionDb.waves()).toBe(4);
    const byWave = (wave: number) => functionDb.calls.filter((call) => call.wave === wave).map((call) => call.command);
    expect(byWave(1).sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'UpdateItemCommand']);
    expect(byWave(2)).toEqual(['TransactWriteItemsCommand']);
    expect(byWave(3)).toEqual(Array.from({ length: 100 }, () => 'TransactWriteItemsCommand'));
    // Every reserved credit was used: the last round only deletes the reservation's record.
    expect(byWave(4)).toEqual(['TransactWriteItemsCommand']);
  });

  it('bulk reject with a key and ids that fail: the claim joins the first round, the release and the result share the last; 4 round trips', async () => {
    const admin = await givenApiKey();
    const ids = await Promise.all(Array.from({ length: 5 }, async () => (await givenAttribution()).id));
    const taken = ids[0] as string;
    await rejectRequest(taken, { headers: withKey(admin.key) });
    const headers = { ...withKey(admin.key), 'idempotency-key': 'round-trips-bulk' };
    functionDb.reset();
    // One referral's transaction is refused at write time (throttled: definitely not applied), so that its reserved
    // credit is released in the last round.
    const failing = ids[1] as string;
    functionDb.inject({
      command: 'TransactWriteItemsCommand',
      error: () => Object.assign(new Error('injected'), { name: 'ProvisionedThroughputExceededException', $retryable: {} }),
      times: Infinity,
      matches: (input) => JSON.stringify(input).includes(`"${failing}"`) && JSON.stringify(input).includes('"Put"'),
    });
    const send = () => bulkRequest({ ids: [...ids, 'no-such-attribution'] }, { headers, gateway });
    expect((await send()).body.data.rejected).toBe(3);
    expect(functionDb.waves()).toBe(4);
    const byWave = (wave: number) => functionDb.calls.filter((call) => call.wave === wave).map((call) => call.command);
    expect(byWave(1).sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'PutItemCommand', 'UpdateItemCommand']);
    expect(byWave(4).sort()).toEqual(['PutItemCommand', 'TransactWriteItemsCommand']);
    // The replay: the first round alone.
    functionDb.reset();
    expect((await send()).headers['idempotent-replayed']).toBe('true');
    expect(functionDb.waves()).toBe(1);
  });

  it('approve, single and bulk, makes the round trips of reject: 2 for one referral, 4 for 100', async () => {
    const admin = await givenApiKey();
    const single = await givenAttribution();
    const ids = await Promise.all(Array.from({ length: 100 }, async () => (await givenAttribution()).id));
    functionDb.reset();
    expect((await approveRequest(single.id, { headers: withKey(admin.key), gateway })).status).toBe(200);
    expect(functionDb.calls.map((call) => [call.wave, call.command])).toEqual([
      [1, 'UpdateItemCommand'],
      [1, 'GetItemCommand'],
      [1, 'QueryCommand'],
      [2, 'TransactWriteItemsCommand'],
    ]);
    functionDb.reset();
    const response = await bulkRequest({ ids }, { action: 'approve', headers: withKey(admin.key), gateway });
    expect(response.body.data.counts.approved).toBe(100);
    expect(functionDb.waves()).toBe(4);
    expect(functionDb.calls.filter((call) => call.wave === 3)).toHaveLength(100);
  });

  describe('a bulk reject at the month’s included credits, on a plan that bills overage', () => {
    const crossing = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client }, undefined, {
      pro: { ...plans.pro, includedCreditsPerMonth: 5 },
    });
    const commandsByWave = () =>
      Array.from({ length: functionDb.waves() }, (_, index) =>
        functionDb.calls
          .filter((call) => call.wave === index + 1)
          .map((call) => call.command)
          .sort(),
      );

    it('crossing them: the referrals past them write once the included ones are decided, one more round; 5 round trips', async () => {
      const admin = await givenApiKey({ plan: 'pro' });
      const held = await Promise.all(Array.from({ length: 3 }, async () => (await givenAttribution()).id));
      await bulkRequest({ ids: held }, { headers: withKey(admin.key), gateway: crossing });
      const ids = await Promise.all(Array.from({ length: 5 }, async () => (await givenAttribution()).id));
      functionDb.reset();
      expect((await bulkRequest({ ids }, { headers: withKey(admin.key), gateway: crossing })).body.data.rejected).toBe(5);
      const transactions = (count: number) => Array.from({ length: count }, () => 'TransactWriteItemsCommand');
      expect(commandsByWave()).toEqual([
        ['BatchGetItemCommand', 'GetItemCommand', 'UpdateItemCommand'],
        transactions(1),
        transactions(2),
        transactions(3),
        transactions(1),
      ]);
    });

    it('refused because another request took them after the read: the month read again, then reserved; 7 round trips', async () => {
      const admin = await givenApiKey({ plan: 'pro' });
      const ids = await Promise.all(Array.from({ length: 3 }, async () => (await givenAttribution()).id));
      functionDb.reset();
      // Between this request's read (nothing used) and its reservation, another takes 4 of the 5 included credits.
      functionDb.interleave({
        command: 'TransactWriteItemsCommand',
        times: 1,
        matches: writes.reservation,
        before: async () => {
          await db.send(
            new UpdateCommand({
              TableName: tables.usage,
              Key: monthKey(admin.userId, monthWindow(new Date()).id),
              UpdateExpression: 'ADD credits :four',
              ExpressionAttributeValues: { ':four': 4 },
            }),
          );
        },
      });
      expect((await bulkRequest({ ids }, { headers: withKey(admin.key), gateway: crossing })).body.data.rejected).toBe(3);
      expect(commandsByWave()).toEqual([
        ['BatchGetItemCommand', 'GetItemCommand', 'UpdateItemCommand'],
        ['TransactWriteItemsCommand'],
        ['GetItemCommand'],
        ['TransactWriteItemsCommand'],
        ['TransactWriteItemsCommand'],
        ['TransactWriteItemsCommand', 'TransactWriteItemsCommand'],
        ['TransactWriteItemsCommand'],
      ]);
      expect((await usageRecordsOf(admin.userId)).map((usage) => usage.overage).sort()).toEqual([false, true, true]);
    });
  });

  it('claim and release: the metering round beside the read, then one transaction; 2 round trips each', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    for (const route of [claimReferralRoute, releaseClaimRoute]) {
      functionDb.reset();
      const path = pathTo(route, { id: attribution.id });
      expect((await gateway({ method: route.method, path, headers: withKey(admin.key) })).statusCode).toBe(200);
      expect(functionDb.calls.map((call) => [call.wave, call.command])).toEqual([
        [1, 'UpdateItemCommand'],
        [1, 'GetItemCommand'],
        [1, 'QueryCommand'],
        [2, 'TransactWriteItemsCommand'],
      ]);
    }
  });

  it('claim-next past 200 held referrals others hold: every shard read at once, the claims, then the charge; 3 round trips, at most 4', async () => {
    // A referrals table of its own, so that the queue holds exactly this.
    const own = { ...tables, referrals: `referrals-trips-${uniqueId('t')}` };
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, own);
    const ownSeed = createSeedWriter(db, own);
    const claimed = Array.from({ length: 200 }, (_, index) => ({
      ...attributionItem({
        id: `taken-${index}`,
        status: 'review_required',
        created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
      }),
      claimed_by: 'someone-else',
      claimed_until: Date.now() + 3_600_000,
    }));
    // 25 at a time: a burst of 200 puts would queue behind DynamoDB Local's connections.
    for (let index = 0; index < claimed.length; index += 25)
      await Promise.all(claimed.slice(index, index + 25).map((item) => db.send(new PutCommand({ TableName: own.referrals, Item: item }))));
    const free = Array.from({ length: 5 }, (_, index) => `free-${index}`);
    for (const [index, id] of free.entries())
      await ownSeed.putAttribution({
        id,
        status: 'review_required',
        created_at: new Date(Date.UTC(2026, 1, 1, 0, 0, index)).toISOString(),
      });
    const ownGateway = checkedGateway({
      authorizer: createAuthorizerHandler(createAuthorizerDeps(process.env, authorizerDb.client)),
      functions: {
        claimNextReferrals: createClaimNextHandler(
          createClaimNextDeps({ ...process.env, REFERRALS_TABLE: own.referrals }, functionDb.client),
        ),
      },
    });
    const admin = await givenApiKey();
    functionDb.reset();
    const response = await ownGateway({
      method: 'POST',
      path: pathTo(claimNextRoute),
      headers: { ...withKey(admin.key), 'content-type': 'application/json' },
      body: JSON.stringify({ count: 5 }),
    });
    expect(JSON.parse(response.body).data.items.map((item: { id: string }) => item.id)).toEqual(free);
    expect(functionDb.waves()).toBeLessThanOrEqual(4);
    const byWave = (wave: number) => functionDb.calls.filter((call) => call.wave === wave).map((call) => call.command);
    expect(byWave(1).sort()).toEqual(
      ['GetItemCommand', 'UpdateItemCommand', 'UpdateItemCommand', ...Array.from({ length: QUEUE_SHARDS }, () => 'QueryCommand')].sort(),
    );
    expect(byWave(2)).toEqual(free.map(() => 'UpdateItemCommand'));
    expect(byWave(3)).toEqual(['TransactWriteItemsCommand']);
    expect(functionDb.waves()).toBe(3);
  });

  it('a malformed API key is refused before any lookup', async () => {
    const response = await rejectRequest('any', { headers: { 'x-api-key': 'ck_short' }, gateway });
    expect(response.status).toBe(401);
    expect(authorizerDb.calls).toEqual([]);
    expect(functionDb.calls).toEqual([]);
  });

  it('an invalid request makes only the metering round trip', async () => {
    const admin = await givenApiKey();
    functionDb.reset();
    expect((await rejectRequest('x', { headers: withKey(admin.key), rawBody: '[]' })).status).toBe(400);
    expect(functionDb.calls).toEqual([]); // the default gateway uses its own client
    expect((await rejectRequest('x', { headers: withKey(admin.key), rawBody: '[]', gateway })).status).toBe(400);
    expect(functionDb.calls.map((call) => call.command)).toEqual(['UpdateItemCommand', 'GetItemCommand']);
    expect(functionDb.waves()).toBe(1);
  });
});
