import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { pathTo } from '../../functions/http/route.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import { dynamoDbLocalsOnPort, npmStart, npmStartWithOwnDynamoDb, stop, stopAll } from '../support/npm-start.js';
import { assertConformsToDocument } from '../support/openapi-conformance.js';
import { ownTables, tableVariables } from '../support/own-tables.js';
import { db } from '../support/table-records.js';

afterEach(stopAll);

/** A request to the running API over HTTP; every response is held to openapi.json. */
const send = async (baseUrl: string, method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  assertConformsToDocument({ method, path, status: response.status, headers: Object.fromEntries(response.headers), body: text });
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as any };
};

const post = (baseUrl: string, id: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
  send(baseUrl, 'POST', pathTo(rejectReferralRoute, { id }), init);

const DEMO_ADMIN = { 'x-api-key': 'ck_demo_admin_0000000000000000', 'content-type': 'application/json' };
const DEMO_MEMBER = { 'x-api-key': 'ck_demo_member_000000000000000' };

describe('npm start', () => {
  it('serves the spec example and the error envelopes, then stops cleanly on SIGTERM', async () => {
    // A DynamoDB Local of its own, which must end with it.
    const api = await npmStartWithOwnDynamoDb();
    expect(api.output()).toContain(`curl -X POST "${api.baseUrl}${pathTo(rejectReferralRoute, { id: 'example' })}"`);
    expect(api.output()).toMatch(/Demo console admin token \(12 h\): \S+\.\S+\.\S+/);

    const ok = await post(api.baseUrl, 'example', { headers: DEMO_ADMIN, body: '{"reason":"same billing account"}' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      code: 200,
      msg: 'ok',
      data: {
        attribution: { id: 'example', status: 'rejected', reviewed_by: 'admin-user', review_reason: 'same_stripe_customer' },
        rewards: [],
      },
    });
    expect(ok.headers.get('x-request-id')).toBe(ok.body.request_id);

    const token = /Demo console admin token \(12 h\): (\S+)/.exec(api.output())![1]!;
    const cases = [
      [400, await post(api.baseUrl, 'attr-review-2', { headers: DEMO_ADMIN, body: '{"reason":""}' })],
      [401, await post(api.baseUrl, 'attr-review-2')],
      [403, await post(api.baseUrl, 'attr-review-2', { headers: DEMO_MEMBER })],
      [404, await post(api.baseUrl, 'no-such-attribution', { headers: DEMO_ADMIN })],
      [409, await post(api.baseUrl, 'attr-rewarded', { headers: { authorization: `Bearer ${token}` } })],
    ] as const;
    for (const [status, response] of cases) {
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        code: status,
        data: null,
        error: { type: expect.any(String), retryable: expect.any(Boolean) },
      });
      expect(response.headers.get('content-type')).toBe('application/json');
    }
    const wrongRoute = await send(api.baseUrl, 'DELETE', pathTo(getReferralRoute, { id: 'example' }));
    expect(wrongRoute.status).toBe(404);
    expect(wrongRoute.body).toMatchObject({ code: 404, error: { type: 'route_not_found' } });

    expect(api.output()).toContain(`OpenAPI document: ${api.baseUrl}/openapi.json`);
    const documentResponse = await fetch(`${api.baseUrl}/openapi.json`);
    expect(documentResponse.status).toBe(200);
    expect(await documentResponse.text()).toBe(readFileSync(path.resolve(import.meta.dirname, '../../openapi.json'), 'utf8'));

    const dynamoPort = new URL(api.dynamoEndpoint).port;
    expect(dynamoDbLocalsOnPort(dynamoPort)).not.toEqual([]);
    expect(await stop(api.child)).toBe(0);
    // DynamoDB Local ends once npm start is gone: waited for, not timed.
    const deadline = Date.now() + 20_000;
    while (dynamoDbLocalsOnPort(dynamoPort).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dynamoDbLocalsOnPort(dynamoPort)).toEqual([]);
  });

  it('loads the seed file named by LOCAL_SEED', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-'));
    const file = path.join(dir, 'seed.json');
    writeFileSync(
      file,
      JSON.stringify({
        apiKeys: [{ key: 'ck_custom_seed_key_0000000001', userId: 'custom-admin', plan: 'growth', admin: true }],
        attributions: [{ id: 'custom-1', status: 'review_required', code: 'ZZZZ', referrer_user_id: 'u1' }],
        rewards: [{ id: 'custom-reward', attribution_id: 'custom-1', user_id: 'u1', role: 'referrer', credits: 250 }],
      }),
    );
    const api = await npmStart({ LOCAL_SEED: file });
    const response = await post(api.baseUrl, 'custom-1', { headers: { 'x-api-key': 'ck_custom_seed_key_0000000001' } });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({
      attribution: { id: 'custom-1', reviewed_by: 'custom-admin' },
      rewards: [{ id: 'custom-reward', credits: 250 }],
    });
    expect((await post(api.baseUrl, 'example', { headers: DEMO_ADMIN })).status).toBe(401);
  });

  it('loads a seed of 1,000 items in batches and is ready, every item there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-'));
    const file = path.join(dir, 'large.json');
    const attributions = Array.from({ length: 999 }, (_, index) => ({
      id: `bulk-${String(index).padStart(4, '0')}`,
      status: 'review_required',
      code: 'BULK',
      created_at: new Date(Date.UTC(2026, 10, 1) + index * 60_000).toISOString(),
    }));
    writeFileSync(
      file,
      JSON.stringify({
        apiKeys: [{ key: 'ck_large_seed_key_00000000001', userId: 'large-admin', plan: 'enterprise', admin: true }],
        attributions,
      }),
    );
    const api = await npmStart({ LOCAL_SEED: file });
    const headers = { 'x-api-key': 'ck_large_seed_key_00000000001' };
    let seen = 0;
    let cursor: string | null = null;
    do {
      const page = await fetch(`${api.baseUrl}${pathTo(listReferralsRoute)}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers });
      const body = (await page.json()) as { data: { attributions: unknown[]; next_cursor: string | null } };
      seen += body.data.attributions.length;
      cursor = body.data.next_cursor;
    } while (cursor);
    expect(seen).toBe(999);
  });

  it('uses an external DYNAMODB_ENDPOINT instead of starting its own', async () => {
    const tables = ownTables('external');
    const endpoint = inject('dynamoEndpoint');
    const api = await npmStart({ DYNAMODB_ENDPOINT: endpoint, ...tableVariables(tables) });
    expect(api.dynamoEndpoint).toBe(endpoint);
    expect(api.output()).toContain('(external)');

    expect((await post(api.baseUrl, 'example', { headers: DEMO_ADMIN })).status).toBe(200);
    const stored = await db.send(new GetCommand({ TableName: tables.referrals, Key: { pk: 'example', sk: 'attribution' } }));
    expect(stored.Item?.status).toBe('rejected');
  });

  it('refuses a bad seed file with its name and field, before serving anything', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-'));
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ apiKeys: [], attributions: [{ id: 'x', status: 'pending' }] }));
    const error = await npmStart({ LOCAL_SEED: file }).then(
      () => undefined,
      (reason: Error) => reason,
    );
    expect(error?.message).toMatch(/exited with [1-9]/);
    expect(error?.message).toContain(`Invalid seed file ${file}: attributions.0.status`);
    expect(error?.message).not.toContain('listening on');
  });
});
