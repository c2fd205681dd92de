import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from '../../../../functions/http/middlewares/rate-limit-headers.js';

const now = new Date('2026-12-31T23:59:30.500Z');

describe('rate-limit headers', () => {
  it('state the policy, what remains and when the window resets', () => {
    expect(rateLimitHeaders({ limit: 120, used: 3, resetAt: new Date('2027-01-01T00:00:00.000Z') }, now)).toEqual({
      'ratelimit-policy': '"per-minute";q=120;w=60',
      ratelimit: '"per-minute";r=117;t=30',
      'x-ratelimit-limit': '120',
      'x-ratelimit-remaining': '117',
      'x-ratelimit-reset': '1798761600',
    });
  });
});
