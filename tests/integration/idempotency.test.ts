import { describe, expect, it } from 'vitest';
import { bulkRequest, rejectRequest, withKey } from '../support/api.js';
import { accountItems, activityOf, givenApiKey, givenAttribution, storedAttribution, usageRecordsOf } from '../support/table-records.js';

const keyed = (apiKey: string, idempotencyKey: string) => ({ ...withKey(apiKey), 'Idempotency-Key': idempotencyKey });

describe('Idempotency-Key', () => {
  it('answers a retry with the first success, without doing or charging anything again', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = keyed(admin.key, 'retry-1');

    const first = await rejectRequest(attribution.id, { headers, body: { reason: 'duplicate account' } });
    const stored = await storedAttribution(attribution.id);
    const retry = await rejectRequest(attribution.id, { headers, body: { reason: 'duplicate account' } });

    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await storedAttribution(attribution.id)).toEqual(stored);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 idempotency_key_reused', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = keyed(admin.key, 'reused-1');

    await rejectRequest(attribution.id, { headers, body: { reason: 'first' } });
    const reused = await rejectRequest(attribution.id, { headers, body: { reason: 'second' } });
    const otherReferral = await givenAttribution();
    const reusedElsewhere = await rejectRequest(otherReferral.id, { headers, body: { reason: 'first' } });

    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ type: 'idempotency_key_reused', retryable: false });
    expect(reusedElsewhere.status).toBe(422);
    expect((await storedAttribution(otherReferral.id))?.status).toBe('review_required');
    expect((await activityOf(attribution.id)).map((item) => item.reason)).toEqual(['first']);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(1);
  });

  it('scopes keys to the account', async () => {
    const first = await givenApiKey();
    const second = await givenApiKey();
    const a = await givenAttribution();
    const b = await givenAttribution();

    expect((await rejectRequest(a.id, { headers: keyed(first.key, 'shared-key') })).status).toBe(200);
    expect((await rejectRequest(b.id, { headers: keyed(second.key, 'shared-key') })).status).toBe(200);
  });

  it('lets exactly one of 10 concurrent requests with the same key take effect', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = keyed(admin.key, 'concurrent-1');

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => rejectRequest(attribution.id, { headers, body: { reason: 'ring' } })),
    );

    const successes = responses.filter((response) => response.status === 200);
    expect(successes.length).toBeGreaterThanOrEqual(1);
    // Every 200 is the one first success replayed; any other answer is 409 request_in_progress.
    expect(new Set(successes.map((response) => response.body.request_id)).size).toBe(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(response.status).toBe(409);
      expect(response.body.error.type).toBe('request_in_progress');
    }
    expect(await usageRecordsOf(admin.userId)).toHaveLength(1);
  });

  it('keeps keys for 24 hours', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    await rejectRequest(attribution.id, { headers: keyed(admin.key, 'ttl-1') });
    const record = (await accountItems(admin.userId)).find((item) => item.sk === 'idempotency#ttl-1');
    expect(Number(record?.expires_at) - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 60);
    expect(Number(record?.expires_at) - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
  });

  it.each(['', ' leading-space', 'x'.repeat(256), 'tab\there'])('answers 400 for the Idempotency-Key %j', async (key) => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const response = await rejectRequest(attribution.id, { headers: keyed(admin.key, key) });
    expect(response.status).toBe(400);
    expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
  });

  it('answers 400 for an Idempotency-Key sent twice, on a single and a bulk reject, and changes nothing', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const headers = { ...withKey(admin.key), 'Idempotency-Key': ['first', 'second'] };
    const single = await rejectRequest(attribution.id, { headers });
    const bulk = await bulkRequest({ ids: [attribution.id] }, { headers });
    for (const response of [single, bulk]) {
      expect(response.status).toBe(400);
      expect(response.body.error.context.issues).toEqual([
        expect.objectContaining({ field: 'multiValueHeaders.idempotency-key', message: 'Idempotency-Key must be sent once' }),
      ]);
    }
    expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
  });

  it('without a key, a repeat is a plain 409', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    await rejectRequest(attribution.id, { headers: withKey(admin.key) });
    const repeat = await rejectRequest(attribution.id, { headers: withKey(admin.key) });
    expect(repeat.status).toBe(409);
  });
});
