import { InternalServerError, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SENDS } from '../../functions/adapters/transact.js';
import { apiOnClients, rejectRequest, withKey } from '../support/api.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { accountItems, activityOf, givenApiKey, givenAttribution, storedAttribution } from '../support/table-records.js';

const $metadata = { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 };

const faults = {
  throttling: () => new ProvisionedThroughputExceededException({ message: 'injected throttling', $metadata }),
  '5xx': () => new InternalServerError({ message: 'injected 500', $metadata: { ...$metadata, httpStatusCode: 500 } }),
  timeout: () => Object.assign(new Error('injected socket timeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' }),
} as const;

const transactionConflict = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, TransactionConflict, None]',
    $metadata,
    CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }, { Code: 'None' }],
  });

/** Everything a failed request must leave as it was: the referral, its audit trail and the account's billing state. */
const snapshot = async (attributionId: string, userId: string) => ({
  attribution: await storedAttribution(attributionId),
  activity: await activityOf(attributionId),
  billing: (await accountItems(userId)).filter((item) => !String(item.sk).startsWith('rate#')),
});

describe('DynamoDB faults', () => {
  const authorizerDb = instrumentedClient({ maxAttempts: 3 });
  const functionDb = instrumentedClient({ maxAttempts: 3 });
  const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });

  beforeEach(() => {
    authorizerDb.reset();
    functionDb.reset();
  });

  const functionCallSites = ['UpdateItemCommand', 'QueryCommand', 'GetItemCommand', 'TransactWriteItemsCommand'];

  describe.each(Object.keys(faults) as (keyof typeof faults)[])('%s', (kind) => {
    it.each(functionCallSites)('at %s: persistent faults give a retryable 500 and leave no partial state', async (command) => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      const before = await snapshot(attribution.id, admin.userId);
      functionDb.inject({ command, error: faults[kind], times: Infinity });

      const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({
        code: 500,
        msg: 'Internal server error',
        error: { type: 'dependency_unavailable', retryable: true },
      });
      expect(JSON.stringify(response.body)).not.toContain('injected');
      // A transaction whose outcome may be unknown (a 5xx or a timeout) is resent under its token, up to MAX_SENDS times.
      const unknownOutcome = command === 'TransactWriteItemsCommand' && kind !== 'throttling';
      expect(functionDb.injectedAttempts()).toBe(unknownOutcome ? 3 * MAX_SENDS : 3);
      expect(await snapshot(attribution.id, admin.userId)).toEqual(before);
    });

    it.each(functionCallSites)('at %s: a passing fault is absorbed by the SDK retry', async (command) => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      functionDb.inject({ command, error: faults[kind], times: 1 });

      const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(200);
      expect(functionDb.injectedAttempts()).toBe(1);
      expect((await storedAttribution(attribution.id))?.status).toBe('rejected');
      // A rejection and its activity item exist together.
      expect(await activityOf(attribution.id)).toHaveLength(1);
    });

    it('in the authorizer: a retryable 500 in the envelope, nothing changed', async () => {
      const admin = await givenApiKey();
      const attribution = await givenAttribution();
      authorizerDb.inject({ command: 'GetItemCommand', error: faults[kind], times: Infinity });

      const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

      expect(response.status).toBe(500);
      expect(response.body.error).toMatchObject({ type: 'dependency_unavailable', retryable: true });
      expect((await storedAttribution(attribution.id))?.status).toBe('review_required');
    });
  });

  it('retries a transaction cancelled by TransactionConflict, then succeeds', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    functionDb.inject({ command: 'TransactWriteItemsCommand', error: transactionConflict, times: 3 });

    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(200);
    expect(functionDb.injectedAttempts()).toBe(3);
  });

  it('answers a retryable 409, never a 500, when conflicts outlast the retries', async () => {
    const admin = await givenApiKey();
    const attribution = await givenAttribution();
    const before = await snapshot(attribution.id, admin.userId);
    functionDb.inject({ command: 'TransactWriteItemsCommand', error: transactionConflict, times: Infinity });

    const response = await rejectRequest(attribution.id, { headers: withKey(admin.key), gateway });

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ type: 'concurrent_update', retryable: true });
    expect(await snapshot(attribution.id, admin.userId)).toEqual(before);
  });

  it('two concurrent rejects of one referral give one 200 and one 409', async () => {
    const admin = await givenApiKey();
    for (let round = 0; round < 10; round++) {
      const attribution = await givenAttribution();
      const statuses = (await Promise.all([1, 2].map(() => rejectRequest(attribution.id, { headers: withKey(admin.key), gateway })))).map(
        (r) => r.status,
      );
      expect(statuses.sort()).toEqual([200, 409]);
    }
  });
});
