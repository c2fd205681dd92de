// A client can set API Gateway's requestId with x-amzn-RequestId; nothing that keys a write or names a request uses it.
import { describe, expect, it } from 'vitest';
import { bulkRequest, rejectRequest, withKey } from '../support/api.js';
import { activityOf, givenApiKey, givenAttribution, usageRecordsOf } from '../support/table-records.js';

const CHOSEN = '7d3f2b1a-9c8e-4f6d-a5b4-3c2d1e0f9a8b';

describe('a request id chosen by the client', () => {
  it('two rejects and two bulk requests sending the same x-amzn-RequestId are each charged and audited once, under distinct ids', async () => {
    const admin = await givenApiKey();
    const [single1, single2, bulk1, bulk2] = await Promise.all([1, 2, 3, 4].map(() => givenAttribution()));
    const headers = { ...withKey(admin.key), 'x-amzn-RequestId': CHOSEN };

    const responses = [
      await rejectRequest(single1!.id, { headers }),
      await rejectRequest(single2!.id, { headers }),
      await bulkRequest({ ids: [bulk1!.id] }, { headers }),
      await bulkRequest({ ids: [bulk2!.id] }, { headers }),
    ];

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const ids = responses.map((response) => response.body.request_id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).not.toContain(CHOSEN);
    for (const response of responses) {
      expect(response.headers['x-request-id']).toBe(response.body.request_id);
      expect(response.headers['x-amzn-RequestId']).toBe(CHOSEN);
    }
    const usage = await usageRecordsOf(admin.userId);
    expect(usage.map((record) => record.request_id).sort()).toEqual([...ids].sort());
    for (const [index, attribution] of [single1, single2, bulk1, bulk2].entries()) {
      const activity = await activityOf(attribution!.id);
      expect(activity.map((item) => item.request_id)).toEqual([ids[index]]);
    }
  });
});
