// A keyed bulk decision whose stored answer (the idempotency completion) is lost or never written: the first answer is
// still every referral's true outcome, and a retry with the same key and body answers the same, charging nothing more.
import { beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_SECONDS } from '../../functions/adapters/idempotency-store.js';
import { apiOnClients, bulkRequest, withKey } from '../support/api.js';
import { instrumentedClient, lostAnswer, writes } from '../support/instrumented-client.js';
import {
  activityOf,
  billingOf,
  givenApiKey,
  givenAttribution,
  heldReferrals,
  storedAttribution,
  uniqueId,
} from '../support/table-records.js';

const isCompletion = writes.idempotency('completed');
const isAbandon = (input: Record<string, unknown>) => JSON.stringify(input.Key ?? {}).includes('idempotency#');

type Outcome = { id: string; outcome: string; attribution?: { status: string } };
const outcomesOf = (body: { data: { results: Outcome[] } }) =>
  body.data.results.map((result) => [result.id, result.outcome, result.attribution?.status]);

describe.each([
  { action: 'reject' as const, decided: 'rejected', status: 'rejected' },
  { action: 'approve' as const, decided: 'approved', status: 'qualified' },
])('a keyed bulk $action whose completion is lost', ({ action, decided, status }) => {
  const authorizerDb = instrumentedClient();
  const functionDb = instrumentedClient();
  const gateway = apiOnClients({ authorizer: authorizerDb.client, reject: functionDb.client });
  const send = (ids: string[], headers: Record<string, string>, through = gateway) =>
    bulkRequest({ ids }, { headers, gateway: through, action });

  beforeEach(() => {
    authorizerDb.reset();
    functionDb.reset();
  });

  /** Three held referrals and one already rewarded; a key of their own. */
  const given = async () => {
    const admin = await givenApiKey();
    const ids = [...(await heldReferrals(3)), (await givenAttribution({ status: 'rewarded' })).id];
    return { admin, ids, headers: { ...withKey(admin.key), 'idempotency-key': uniqueId('key') } };
  };

  /** Exactly one decision, activity item (the source of its event) and usage record per decided referral, and the counters equal to the records. */
  const expectDecidedOnce = async (admin: { userId: string }, decidedIds: string[]) => {
    for (const id of decidedIds) {
      expect((await storedAttribution(id))?.status).toBe(status);
      expect(await activityOf(id)).toHaveLength(1);
    }
    const billing = await billingOf(admin.userId);
    expect(billing.usage.map((usage) => usage.attribution_id).sort()).toEqual([...decidedIds].sort());
    expect([billing.day, billing.month, billing.open]).toEqual([decidedIds.length, decidedIds.length, []]);
    return billing;
  };

  it('applied, its answer lost on every resend: 200 with each outcome; the retry replays it', async () => {
    const { admin, ids, headers } = await given();
    functionDb.inject({ command: 'PutItemCommand', when: 'after', times: Infinity, matches: isCompletion });

    const first = await send(ids, headers);

    expect(first.status).toBe(200);
    expect(functionDb.injectedAttempts()).toBeGreaterThan(1);
    const expected = [...ids.slice(0, 3).map((id) => [id, decided, status]), [ids[3], 'conflict', undefined]];
    expect(outcomesOf(first.body)).toEqual(expected);
    const billing = await expectDecidedOnce(admin, ids.slice(0, 3));
    expect(new Set(billing.usage.map((usage) => usage.request_id))).toEqual(new Set([first.body.request_id]));

    functionDb.reset();
    const retry = await send(ids, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    await expectDecidedOnce(admin, ids.slice(0, 3));
  });

  it('never applied, on every resend: 200 with each outcome; the retry answers the same outcomes and stores them', async () => {
    const { admin, ids, headers } = await given();
    functionDb.inject({ command: 'PutItemCommand', error: lostAnswer, times: Infinity, matches: isCompletion });

    const first = await send(ids, headers);

    expect(first.status).toBe(200);
    expect(outcomesOf(first.body)).toEqual([...ids.slice(0, 3).map((id) => [id, decided, status]), [ids[3], 'conflict', undefined]]);
    await expectDecidedOnce(admin, ids.slice(0, 3));

    functionDb.reset();
    const retry = await send(ids, headers);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(outcomesOf(retry.body)).toEqual(outcomesOf(first.body));
    expect(retry.body.data.counts).toEqual(first.body.data.counts);
    await expectDecidedOnce(admin, ids.slice(0, 3));

    const again = await send(ids, headers);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retry.body);
  });

  it('never applied and the key not given back: the retry waits for the lease, then answers the same outcomes', async () => {
    const { admin, ids, headers } = await given();
    functionDb.inject({ command: 'PutItemCommand', error: lostAnswer, times: Infinity, matches: isCompletion });
    functionDb.inject({ command: 'DeleteItemCommand', error: lostAnswer, times: Infinity, matches: isAbandon });

    const first = await send(ids, headers);
    expect(first.status).toBe(200);
    expect(first.body.data.counts[decided]).toBe(3);

    functionDb.reset();
    const early = await send(ids, headers);
    expect([early.status, early.body.error.type, early.body.error.retryable]).toEqual([409, 'request_in_progress', true]);

    const later = apiOnClients(
      { authorizer: authorizerDb.client, reject: functionDb.client },
      () => new Date(Date.now() + (CLAIM_LEASE_SECONDS + 1) * 1000),
    );
    const retry = await send(ids, headers, later);
    expect(retry.status).toBe(200);
    expect(outcomesOf(retry.body)).toEqual(outcomesOf(first.body));
    await expectDecidedOnce(admin, ids.slice(0, 3));
  });
});
