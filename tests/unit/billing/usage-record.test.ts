import { describe, expect, it } from 'vitest';
import { buildUsageRecord } from '../../../functions/billing/usage-record.js';

const now = new Date('2026-12-31T23:59:30.500Z');

describe('the usage record', () => {
  it('charges one credit and names the caller, the plan, the endpoint and the outcome', () => {
    expect(
      buildUsageRecord({
        requestId: 'req-1',
        principal: { userId: 'u1', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: false },
        price: { endpoint: 'POST /x', statusCode: 200, credits: 1 },
        overage: true,
        now,
      }),
    ).toEqual({
      request_id: 'req-1',
      credits: 1,
      user_id: 'u1',
      subject_id: 'key_1',
      auth_method: 'api_key',
      plan: 'pro',
      endpoint: 'POST /x',
      status_code: 200,
      overage: true,
      created_at: '2026-12-31T23:59:30.500Z',
    });
  });
});
