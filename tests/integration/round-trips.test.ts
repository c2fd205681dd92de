import { beforeEach, describe, expect, it } from 'vitest';
import { apiOnClients, rejectRequest, withKey } from '../support/api.js';
import { givenApiKey, givenAttribution } from '../support/factories.js';
import { instrumentedClient } from '../support/instrumented-client.js';

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
    for (const path of ['/api/v1/admin/referrals?limit=5', `/api/v1/admin/referrals/${attribution.id}`]) {
      functionDb.reset();
      expect((await gateway({ method: 'GET', path, headers: withKey(admin.key) })).statusCode).toBe(200);
      expect(functionDb.waves(), path).toBe(2);
      expect(functionDb.calls.map((call) => call.command).sort()).toEqual([
        'GetItemCommand',
        'QueryCommand',
        'TransactWriteItemsCommand',
        'UpdateItemCommand',
      ]);
    }
    functionDb.reset();
    expect((await gateway({ method: 'GET', path: '/api/v1/admin/referrals/no-such-one', headers: withKey(admin.key) })).statusCode).toBe(
      404,
    );
    expect(functionDb.waves()).toBe(1);
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
