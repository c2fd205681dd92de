// A table deployed with the by-status index, during its switch to review-queue (lib/tables.ts): at the `read` step the
// list reads by-status, with the same order, paging and filter, and a reject moves the referral out of it at once.
import { describe, expect, it } from 'vitest';
import { createSeedWriter } from '../../functions/adapters/seed-writer.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { createHandler as createAuthorizerHandler } from '../../functions/handlers/authorizer/handler.js';
import { createHandler as createRejectHandler } from '../../functions/handlers/reject-referral/handler.js';
import { createDecisionDeps } from '../../functions/handlers/review/dependencies.js';
import { createReviewQueueDeps } from '../../functions/handlers/review-queue/dependencies.js';
import { createHandler as createListHandler } from '../../functions/handlers/review-queue/list-handler.js';
import { pathTo } from '../../functions/http/route.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import type { Attribution } from '../../functions/referrals/attribution.js';
import { tablesAt } from '../../lib/tables.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../local/dynamodb-local.js';
import { checkedGateway, getRequest, rejectRequest, withKey } from '../support/api.js';
import { db, givenApiKey, uniqueId } from '../support/table-records.js';

describe('the list while a table is switched away from by-status', () => {
  it('reads by-status at the read step: oldest first across pages, filtered by referrer, and a rejected referral leaves it', async () => {
    const names = { ...LOCAL_TABLE_NAMES, referrals: `referrals-status-${uniqueId('t')}` };
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names, tablesAt('read'));
    const env = { ...process.env, REFERRALS_TABLE: names.referrals, QUEUE_SOURCE: 'by-status' };
    const gateway = checkedGateway({
      authorizer: createAuthorizerHandler(createAuthorizerDeps()),
      functions: {
        listReferrals: createListHandler(createReviewQueueDeps(env)),
        rejectReferral: createRejectHandler(createDecisionDeps(env)),
      },
    });
    const writer = createSeedWriter(db, names);
    const held = (index: number, referrer = 'user-referrer'): Attribution => ({
      id: `s-${index}`,
      status: 'review_required',
      created_at: `2026-10-0${index}T00:00:00.000Z`,
      referrer_user_id: referrer,
    });
    // Written out of order, with one in another status.
    for (const index of [4, 1, 3, 2, 5]) await writer.putAttribution(held(index, index % 2 ? 'ring' : 'user-referrer'));
    await writer.putAttribution({ id: 's-9', status: 'rewarded', created_at: '2026-09-01T00:00:00.000Z' });
    const admin = await givenApiKey({ plan: 'enterprise' });
    const list = (query: string) => getRequest(`${pathTo(listReferralsRoute)}${query}`, { headers: withKey(admin.key), gateway });
    const walk = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.status).toBe(200);
        ids.push(...response.body.data.attributions.map((attribution: Attribution) => attribution.id));
        cursor = response.body.data.next_cursor;
      } while (cursor);
      return ids;
    };

    expect(await walk('?limit=2')).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5']);
    expect(await walk('?limit=1&referrer_user_id=ring')).toEqual(['s-1', 's-3', 's-5']);
    expect((await rejectRequest('s-2', { body: { reason: 'same card' }, headers: withKey(admin.key), gateway })).status).toBe(200);
    expect(await walk('?limit=10')).toEqual(['s-1', 's-3', 's-4', 's-5']);
    expect(await walk('?status=rejected&limit=10')).toEqual(['s-2']);
  });
});
