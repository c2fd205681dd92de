// Claims beside the list page: a claim of one referral and a claim-next of 5, each beside one query of a single
// partition holding as many entries, what a queue without shards or claims would cost.

import { pathTo } from '../functions/http/route.js';
import { claimNextRoute } from '../functions/http/routes/claim-next-referrals.js';
import { claimReferralRoute } from '../functions/http/routes/claim-referral.js';
import { putSinglePartition, querySinglePartition } from './floor-calls.js';
import type { Report } from './report.js';
import type { RequestPath } from './request-path.js';
import { median } from './statistics.js';

const WARMUP = 20;
const SAMPLES = 100;
const NEXT_COUNT = 5;

export const measureClaims = async (path: RequestPath, report: Report): Promise<void> => {
  console.log(`Measuring claims (${SAMPLES} claims and claim-next calls of ${NEXT_COUNT}, each beside a single-partition query)…`);
  const total = SAMPLES + WARMUP;
  const single = await path.seedAttributions('claim-one', total);
  // Claim-next takes the oldest free ones: a referrer of their own keeps it off the other measures' referrals.
  await path.seedAttributions('claim-next', total * NEXT_COUNT, 'claim-bench');
  await putSinglePartition(path.db);
  const deps = { ...path.createClaimDeps(), plans: path.unlimited };
  const gateway = path.createApiGateway({
    authorizer: path.createAuthorizer(path.createAuthorizerDeps()),
    functions: {
      claimReferral: path.createClaim(deps),
      claimNextReferrals: path.createClaimNext({ ...path.createClaimNextDeps(), plans: path.unlimited }),
    },
  });
  const headers = { 'x-api-key': path.key, 'content-type': 'application/json' };
  const times = { claim: [] as number[], next: [] as number[], floorOne: [] as number[], floorNext: [] as number[] };
  for (let i = 0; i < total; i++) {
    let t = performance.now();
    const claimed = await gateway({ method: 'POST', path: pathTo(claimReferralRoute, { id: single[i] as string }), headers });
    const claimMs = performance.now() - t;
    if (claimed.statusCode !== 200) throw new Error(`bench claim answered ${claimed.statusCode}: ${claimed.body.slice(0, 200)}`);
    t = performance.now();
    const next = await gateway({
      method: 'POST',
      path: pathTo(claimNextRoute),
      headers,
      body: JSON.stringify({ count: NEXT_COUNT, referrer_user_id: 'claim-bench' }),
    });
    const nextMs = performance.now() - t;
    if (next.statusCode !== 200 || JSON.parse(next.body).data.items.length !== NEXT_COUNT)
      throw new Error(`bench claim-next answered ${next.statusCode}: ${next.body.slice(0, 200)}`);
    t = performance.now();
    await querySinglePartition(path.db, 1);
    const floorOneMs = performance.now() - t;
    t = performance.now();
    await querySinglePartition(path.db, NEXT_COUNT);
    const floorNextMs = performance.now() - t;
    if (i >= WARMUP) {
      times.claim.push(claimMs);
      times.next.push(nextMs);
      times.floorOne.push(floorOneMs);
      times.floorNext.push(floorNextMs);
    }
  }
  report.record('claim p50', 'one referral vs one partition', median(times.claim), median(times.floorOne), 'ms', 'for the record', null);
  report.record(
    'claim-next p50',
    `${NEXT_COUNT} referrals vs one partition`,
    median(times.next),
    median(times.floorNext),
    'ms',
    'for the record',
    null,
  );
};
