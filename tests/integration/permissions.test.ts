// Least privilege through the emulated gateway with its authorizer cache on: each role against every route, each
// refusal before anything is read, written, reserved or charged, and a cached result right for every route.
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../functions/auth/permissions.js';
import { pathTo } from '../../functions/http/route.js';
import { addNoteRoute } from '../../functions/http/routes/add-note.js';
import { claimNextRoute } from '../../functions/http/routes/claim-next-referrals.js';
import { claimReferralRoute } from '../../functions/http/routes/claim-referral.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { apiRoutes } from '../../functions/http/routes/index.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { releaseClaimRoute } from '../../functions/http/routes/release-claim.js';
import { reopenReferralRoute } from '../../functions/http/routes/reopen-referral.js';
import { type ApiResult, apiWithAuthorizerCache, bulkRequest, decisionRequest, getRequest, routeRequest, withKey } from '../support/api.js';
import {
  accountItems,
  activityOf,
  bearer,
  consoleToken,
  givenApiKey,
  givenAttribution,
  storedAttribution,
  uniqueId,
} from '../support/table-records.js';

const LIST = pathTo(listReferralsRoute);

/** Every route, with the permission its module names, called once on a fresh held referral. */
const ROUTES: {
  name: string;
  permission: Permission;
  /** The status a served call answers with, 200 unless the route creates something. */
  served?: number;
  call: (headers: Record<string, string>, gateway: Gateway) => Promise<ApiResult>;
}[] = [
  { name: 'list', permission: 'referrals:read', call: (headers, gateway) => getRequest(`${LIST}?limit=1`, { headers, gateway }) },
  {
    name: 'get',
    permission: 'referrals:read',
    call: async (headers, gateway) => getRequest(pathTo(getReferralRoute, { id: (await givenAttribution()).id }), { headers, gateway }),
  },
  {
    name: 'reject',
    permission: 'referrals:decide',
    call: async (headers, gateway) => decisionRequest('reject', (await givenAttribution()).id, { headers, gateway }),
  },
  {
    name: 'approve',
    permission: 'referrals:decide',
    call: async (headers, gateway) => decisionRequest('approve', (await givenAttribution()).id, { headers, gateway }),
  },
  {
    name: 'bulk reject',
    permission: 'referrals:decide_bulk',
    call: async (headers, gateway) => bulkRequest({ ids: [(await givenAttribution()).id] }, { headers, gateway }),
  },
  {
    name: 'bulk approve',
    permission: 'referrals:decide_bulk',
    call: async (headers, gateway) => bulkRequest({ ids: [(await givenAttribution()).id] }, { headers, gateway, action: 'approve' }),
  },
  {
    name: 'claim',
    permission: 'referrals:claim',
    call: async (headers, gateway) => routeRequest(claimReferralRoute, { id: (await givenAttribution()).id, headers, gateway }),
  },
  {
    name: 'release',
    permission: 'referrals:claim',
    call: async (headers, gateway) => routeRequest(releaseClaimRoute, { id: (await givenAttribution()).id, headers, gateway }),
  },
  {
    name: 'claim-next',
    permission: 'referrals:claim',
    // A referrer nobody refers for: the call claims nothing another test holds.
    call: (headers, gateway) =>
      routeRequest(claimNextRoute, { body: { count: 1, referrer_user_id: uniqueId('nobody') }, headers, gateway }),
  },
  {
    name: 'note',
    permission: 'referrals:note',
    served: 201,
    call: async (headers, gateway) =>
      routeRequest(addNoteRoute, { id: (await givenAttribution()).id, body: { text: 'seen' }, headers, gateway }),
  },
  {
    name: 'reopen',
    permission: 'referrals:reopen',
    call: async (headers, gateway) => {
      const { id } = await givenAttribution();
      expect((await decisionRequest('reject', id, { headers: withKey((await givenApiKey()).key) })).status).toBe(200);
      return routeRequest(reopenReferralRoute, { id, body: { reason: 'new evidence' }, headers, gateway });
    },
  },
];
type Gateway = ReturnType<typeof apiWithAuthorizerCache>['gateway'];

const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  viewer: ['referrals:read'],
  reviewer: ['referrals:read', 'referrals:decide', 'referrals:claim', 'referrals:note'],
  admin: PERMISSIONS,
};

const expectRefused = (response: ApiResult, required: Permission) => {
  expect(response.status).toBe(403);
  expect(response.body).toMatchObject({
    code: 403,
    data: null,
    error: { type: 'insufficient_permissions', retryable: false, context: { required } },
  });
  // Refused before the metering step: no rate-limit state to report.
  expect(response.headers['x-ratelimit-remaining']).toBeUndefined();
};

it('names every route of the API, each with the permission its module declares', () => {
  expect(ROUTES.map((route) => route.permission)).toEqual(apiRoutes.map((route) => route.permission));
});

describe.each(['viewer', 'reviewer', 'admin'] as const)('an API key with the role %s, the authorizer cache on', (role) => {
  it.each(ROUTES)('$name: served when the role grants $permission, else refused with nothing read, written or charged', async (route) => {
    const { gateway } = apiWithAuthorizerCache();
    const key = await givenApiKey({ role });
    const response = await route.call(withKey(key.key), gateway);
    if (ROLE_PERMISSIONS[role]?.includes(route.permission)) {
      expect(response.status, JSON.stringify(response.body)).toBe(route.served ?? 200);
      return;
    }
    expectRefused(response, route.permission);
    // Nothing of the account exists: no usage record, reservation, counter or idempotency record, not even a request count.
    expect(await accountItems(key.userId)).toEqual([]);
  });
});

describe('a cached authorizer result meets every route with the same credential', () => {
  it('a viewer key that just read the queue is still refused a reject within the TTL, the referral untouched', async () => {
    const { gateway, invocations } = apiWithAuthorizerCache();
    const viewer = await givenApiKey({ role: 'viewer' });
    expect((await getRequest(`${LIST}?limit=1`, { headers: withKey(viewer.key), gateway })).status).toBe(200);
    const held = await givenAttribution();
    const refused = await decisionRequest('reject', held.id, { headers: withKey(viewer.key), gateway });
    expectRefused(refused, 'referrals:decide');
    expect(invocations()).toBe(1);
    expect((await storedAttribution(held.id))?.status).toBe('review_required');
    expect(await activityOf(held.id)).toEqual([]);
  });

  it('a reviewer key that just rejected one referral is still refused a bulk reject within the TTL', async () => {
    const { gateway, invocations } = apiWithAuthorizerCache();
    const reviewer = await givenApiKey({ role: 'reviewer' });
    expect((await decisionRequest('reject', (await givenAttribution()).id, { headers: withKey(reviewer.key), gateway })).status).toBe(200);
    const held = await givenAttribution();
    expectRefused(await bulkRequest({ ids: [held.id] }, { headers: withKey(reviewer.key), gateway }), 'referrals:decide_bulk');
    expect(invocations()).toBe(1);
    expect((await storedAttribution(held.id))?.status).toBe('review_required');
  });

  it('answers 401 itself, without calling the authorizer, when the identity source is missing', async () => {
    const { gateway, invocations } = apiWithAuthorizerCache();
    const response = await getRequest(`${LIST}?limit=1`, { headers: bearer(await consoleToken()), gateway });
    expect([response.status, invocations()]).toEqual([401, 0]);
  });
});

describe('a key of its own permissions, and keys of one account', () => {
  it('grants exactly the listed permissions, whatever their order', async () => {
    const { gateway } = apiWithAuthorizerCache();
    const key = await givenApiKey({ permissions: ['referrals:decide'] });
    expectRefused(await getRequest(`${LIST}?limit=1`, { headers: withKey(key.key), gateway }), 'referrals:read');
    expect((await decisionRequest('reject', (await givenAttribution()).id, { headers: withKey(key.key), gateway })).status).toBe(200);
  });

  it("never replays a stored answer to a key of the same account that lacks the route's permission", async () => {
    const { gateway } = apiWithAuthorizerCache();
    const userId = uniqueId('team');
    const admin = await givenApiKey({ userId });
    const viewer = await givenApiKey({ userId, role: 'viewer' });
    const held = await givenAttribution();
    const idempotencyKey = uniqueId('key');
    const first = await decisionRequest('reject', held.id, {
      headers: { ...withKey(admin.key), 'idempotency-key': idempotencyKey },
      gateway,
    });
    expect(first.status).toBe(200);
    const replay = await decisionRequest('reject', held.id, {
      headers: { ...withKey(viewer.key), 'idempotency-key': idempotencyKey },
      gateway,
    });
    expectRefused(replay, 'referrals:decide');
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    const bulkKey = uniqueId('key');
    const ids = [(await givenAttribution()).id];
    expect((await bulkRequest({ ids }, { headers: { ...withKey(admin.key), 'idempotency-key': bulkKey }, gateway })).status).toBe(200);
    expectRefused(
      await bulkRequest({ ids }, { headers: { ...withKey(viewer.key), 'idempotency-key': bulkKey }, gateway }),
      'referrals:decide_bulk',
    );
  });
});

describe('a console token', () => {
  it.each([
    ['admin', undefined, PERMISSIONS],
    ['reviewer', undefined, ROLE_PERMISSIONS.reviewer],
    ['viewer', undefined, ROLE_PERMISSIONS.viewer],
    ['admin', ['referrals:read', 'referrals:decide_bulk'], ['referrals:read', 'referrals:decide_bulk']],
    ['reviewer', ['referrals:read', 'referrals:decide_bulk'], ['referrals:read']],
  ] as const)('with the role %s and the permissions claim %j may do exactly %j', async (role, claimed, granted) => {
    const token = await consoleToken({ role, ...(claimed ? { extraClaims: { permissions: [...claimed] } } : {}) });
    const gateway = apiWithAuthorizerCache(300, ['authorization']).gateway;
    for (const route of ROUTES) {
      const response = await route.call(bearer(token), gateway);
      if ((granted as readonly Permission[]).includes(route.permission))
        expect([route.name, response.status]).toEqual([route.name, route.served ?? 200]);
      else expectRefused(response, route.permission);
    }
  });

  it('with another role is refused as before (403 forbidden, from API Gateway)', async () => {
    const response = await getRequest(`${LIST}?limit=1`, { headers: bearer(await consoleToken({ role: 'auditor' })) });
    expect([response.status, response.body.error.type]).toEqual([403, 'forbidden']);
  });
});
