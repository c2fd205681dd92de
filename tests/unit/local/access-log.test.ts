import { describe, expect, it } from 'vitest';
import { accessLogEntry, redactedPath } from '../../../local/access-log.js';

describe("npm start's access log", () => {
  it.each([
    ['/api/v1/admin/referrals?x-api-key=ck_live_0123456789abcdef&limit=5', '/api/v1/admin/referrals?x-api-key=[redacted]&limit=5'],
    ['/api/v1/admin/referrals?api_key=abc&token=def&key=ghi', '/api/v1/admin/referrals?api_key=[redacted]&token=[redacted]&key=[redacted]'],
    ['/api/v1/admin/referrals?Authorization=Bearer%20x', '/api/v1/admin/referrals?Authorization=[redacted]'],
    ['/api/v1/admin/referrals/ck_live_0123456789abcdef/reject', '/api/v1/admin/referrals/[redacted]/reject'],
    ['/api/v1/admin/referrals?q=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', '/api/v1/admin/referrals?q=[redacted]'],
    ['/api/v1/admin/referrals?status=rejected&limit=5', '/api/v1/admin/referrals?status=rejected&limit=5'],
  ])('logs %s as %s', (path, logged) => {
    expect(redactedPath(path)).toBe(logged);
    expect(accessLogEntry({ method: 'GET', path }, { statusCode: 200, body: '{}' }, 1).path).toBe(logged);
  });
});
