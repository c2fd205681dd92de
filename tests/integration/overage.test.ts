// A usage record is overage exactly when decided referrals used the month's included credits up: not by a referral's
// place among the candidates, and not twice when two bulk requests of one account cross the included amount at once.
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { plans } from '../../functions/billing/plans.js';
import { apiOnClients, bulkRequest, withKey } from '../support/api.js';
import { instrumentedClient, writes } from '../support/instrumented-client.js';
import { billingOf, givenApiKey, givenStatusWritten, heldReferrals } from '../support/table-records.js';

const functionDb = instrumentedClient();
const withIncluded = (included: number) =>
  apiOnClients({ authorizer: instrumentedClient().client, reject: functionDb.client }, undefined, {
    pro: { ...plans.pro, includedCreditsPerMonth: included },
  });

/**
 * The account's usage records against its month: as many included as the decided referrals could use of the included
 * credits, the rest overage; and the month counter back to the records.
 */
const expectOverageExact = async (userId: string, included: number) => {
  const billing = await billingOf(userId);
  const flags = billing.usage.map((usage) => usage.overage);
  expect(flags.filter((overage) => overage === false)).toHaveLength(Math.min(included, billing.usage.length));
  expect(flags.filter((overage) => overage === true)).toHaveLength(Math.max(0, billing.usage.length - included));
  expect([billing.month, billing.open]).toEqual([billing.charged, []]);
  return billing;
};

const outcomes = (response: { body: { data: { results: { outcome: string }[] } } }) =>
  response.body.data.results.map((result) => result.outcome);

beforeEach(() => functionDb.reset());

describe('overage in a bulk decision', () => {
  it.each([
    [
      'conflicts: another writer moved it after the read',
      (id: string) =>
        functionDb.interleave({
          command: 'BatchGetItemCommand',
          times: 1,
          after: async () => {
            await givenStatusWritten(id, 'qualified');
          },
        }),
      'conflict',
    ],
    [
      'fails: its write is throttled past every retry',
      (id: string) =>
        functionDb.inject({
          command: 'TransactWriteItemsCommand',
          times: Number.POSITIVE_INFINITY,
          matches: writes.itemOf(id),
          error: () => new ProvisionedThroughputExceededException({ message: 'injected', $metadata: { httpStatusCode: 400, attempts: 1 } }),
        }),
      'failed',
    ],
  ] as const)('bills B and C as included with 2 included credits left when A, before them, %s', async (_case, miss, missed) => {
    const admin = await givenApiKey({ plan: 'pro' });
    const [a, b, c] = (await heldReferrals(3)) as [string, string, string];
    miss(a);

    const response = await bulkRequest({ ids: [a, b, c] }, { headers: withKey(admin.key), gateway: withIncluded(2) });

    expect(response.status).toBe(200);
    expect(outcomes(response)).toEqual([missed, 'rejected', 'rejected']);
    const billing = await expectOverageExact(admin.userId, 2);
    expect(Object.fromEntries(billing.usage.map((usage) => [usage.attribution_id, usage.overage]))).toEqual({ [b]: false, [c]: false });
  });

  it('never bills the same included credits twice when two bulk requests of one account cross the included amount at once', async () => {
    const gateway = withIncluded(5);
    const admin = await givenApiKey({ plan: 'pro' });
    // 3 of the 5 included credits used: 2 left.
    expect((await bulkRequest({ ids: await heldReferrals(3) }, { headers: withKey(admin.key), gateway })).body.data.rejected).toBe(3);
    const [first, second] = [await heldReferrals(3), await heldReferrals(3)];
    // Both requests read the month (3 used) before either reserves: neither reservation goes until both are ready.
    let arrived = 0;
    let bothRead: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    functionDb.reset();
    functionDb.interleave({
      command: 'TransactWriteItemsCommand',
      times: 2,
      matches: writes.reservation,
      before: async () => {
        arrived += 1;
        if (arrived === 2) bothRead();
        await ready;
      },
    });

    const responses = await Promise.all([first, second].map((ids) => bulkRequest({ ids }, { headers: withKey(admin.key), gateway })));

    expect(responses.map(outcomes)).toEqual([
      ['rejected', 'rejected', 'rejected'],
      ['rejected', 'rejected', 'rejected'],
    ]);
    const billing = await expectOverageExact(admin.userId, 5);
    expect(billing.usage).toHaveLength(9);
    // One request took the 2 included credits left; the other, refused on them, read the month again (the one
    // extra read, on that path only) and billed its 3 as overage.
    const byRequest = (requestId: string) =>
      billing.usage.filter((usage) => usage.request_id === requestId).map((usage) => usage.overage === true);
    const splits = responses.map((response) => byRequest(response.body.request_id).filter(Boolean).length).sort();
    expect(splits).toEqual([1, 3]);
    expect(functionDb.calls.filter((call) => call.command === 'GetItemCommand')).toHaveLength(3);
  });
});
