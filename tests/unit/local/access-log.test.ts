import { describe, expect, it } from 'vitest';
import { pathTo } from '../../../functions/http/route.js';
import { listReferralsRoute } from '../../../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../../../functions/http/routes/reject-referral.js';
import { accessLogEntry, redactedPath } from '../../../local/access-log.js';
import { rawPathTo } from '../../support/builders.js';

const LIST = pathTo(listReferralsRoute);

describe("npm start's access log", () => {
  it.each([
    [`${LIST}?x-api-key=ck_live_0123456789abcdef&limit=5`, `${LIST}?x-api-key=[redacted]&limit=5`],
    [`${LIST}?api_key=abc&token=def&key=ghi`, `${LIST}?api_key=[redacted]&token=[redacted]&key=[redacted]`],
    [`${LIST}?Authorization=Bearer%20x`, `${LIST}?Authorization=[redacted]`],
    // The marker takes the id's place as written, brackets and all (pathTo would percent-encode them).
    [pathTo(rejectReferralRoute, { id: 'ck_live_0123456789abcdef' }), rawPathTo(rejectReferralRoute, '[redacted]')],
    [`${LIST}?q=eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln`, `${LIST}?q=[redacted]`],
    [`${LIST}?status=rejected&limit=5`, `${LIST}?status=rejected&limit=5`],
  ])('logs %s as %s', (path, logged) => {
    expect(redactedPath(path)).toBe(logged);
    expect(accessLogEntry({ method: 'GET', path }, { statusCode: 200, body: '{}' }, 1).path).toBe(logged);
  });
});
