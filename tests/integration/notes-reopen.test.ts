// Decisions people can stand behind, on DynamoDB Local: reason codes kept and announced, notes appended by several
// reviewers at once, and a mistaken reject reopened and decided again.
import { describe, expect, it } from 'vitest';
import { forwardActivity } from '../../functions/events/forward-activity.js';
import { pathTo } from '../../functions/http/route.js';
import { addNoteRoute } from '../../functions/http/routes/add-note.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { reopenReferralRoute } from '../../functions/http/routes/reopen-referral.js';
import { type ApiResult, api, apiOnClients, bulkRequest, decisionRequest, getRequest, withKey } from '../support/api.js';
import { FakeDeadLetters, FakePublisher } from '../support/fakes.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import {
  activityOf,
  givenApiKey,
  givenAttribution,
  holdsOf,
  storedAttribution,
  type TestKey,
  uniqueId,
  usageRecordsOf,
} from '../support/table-records.js';

type Gateway = typeof api;
const post = (
  path: string,
  who: TestKey,
  body: unknown,
  through: Gateway = api,
  headers: Record<string, string> = {},
): Promise<ApiResult> =>
  through({
    method: 'POST',
    path,
    headers: { ...withKey(who.key), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then((result) => ({
    status: result.statusCode,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body),
  }));
const note = (id: string, who: TestKey, text: string, through?: Gateway, headers?: Record<string, string>) =>
  post(pathTo(addNoteRoute, { id }), who, { text }, through, headers);
const reopen = (id: string, who: TestKey, body: unknown = { reason: 'the customer proved separate billing' }, through?: Gateway) =>
  post(pathTo(reopenReferralRoute, { id }), who, body, through);

/** The events the forwarder makes of a referral's activity items, oldest first. */
const eventsOf = async (id: string) => {
  const publisher = new FakePublisher();
  const items = (await activityOf(id)).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  await forwardActivity(
    { publisher, deadLetters: new FakeDeadLetters(), log: { info: () => undefined, warn: () => undefined }, sleep: async () => undefined },
    items.map((item, index) => ({
      sequenceNumber: String(index + 1),
      eventName: 'INSERT' as const,
      keys: { pk: String(item.pk), sk: String(item.sk) },
      activity: true,
      image: item,
    })),
  );
  return publisher.published;
};

describe('reason codes', () => {
  it('keeps each code of a decision in its activity item and carries it in the event, single and bulk', async () => {
    const admin = await givenApiKey();
    for (const [action, code] of [
      ['reject', 'self_referral'],
      ['reject', 'duplicate_account'],
      ['reject', 'payment_fraud'],
      ['reject', 'bot_traffic'],
      ['reject', 'policy_violation'],
      ['reject', 'other'],
      ['approve', 'verified_legitimate'],
      ['approve', 'false_positive'],
      ['approve', 'other'],
    ] as const) {
      const { id } = await givenAttribution();
      const response = await decisionRequest(action, id, { headers: withKey(admin.key), body: { reason: 'checked', reason_code: code } });
      expect(response.status).toBe(200);
      expect((await activityOf(id))[0]).toMatchObject({ action, reason: 'checked', reason_code: code });
      expect((await eventsOf(id))[0]?.detail).toMatchObject({ reason_code: code });
    }
    const ids = [(await givenAttribution()).id, (await givenAttribution()).id];
    expect((await bulkRequest({ ids, reason_code: 'bot_traffic' }, { headers: withKey(admin.key) })).body.data.rejected).toBe(2);
    for (const id of ids) expect((await activityOf(id))[0]).toMatchObject({ reason_code: 'bot_traffic' });
  });

  it("refuses an unknown code, or one of the other decision's, with 400 naming the valid ones, and changes nothing", async () => {
    const admin = await givenApiKey();
    const { id } = await givenAttribution();
    for (const [action, code] of [
      ['reject', 'false_positive'],
      ['reject', 'fraud'],
      ['approve', 'payment_fraud'],
    ] as const) {
      const response = await decisionRequest(action, id, { headers: withKey(admin.key), body: { reason_code: code } });
      expect(response.status).toBe(400);
      expect(response.body.error.context.issues[0].message).toMatch(/^reason_code must be one of /);
    }
    expect((await bulkRequest({ ids: [id], reason_code: 'verified_legitimate' }, { headers: withKey(admin.key) })).status).toBe(400);
    expect((await storedAttribution(id))?.status).toBe('review_required');
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });
});

describe('notes', () => {
  it('appends notes from two reviewers at once, keeps every one in order, and returns them oldest first; 201, one credit each', async () => {
    const [alice, bob] = await Promise.all([givenApiKey({ role: 'reviewer' }), givenApiKey({ role: 'reviewer' })]);
    const { id } = await givenAttribution({ status: 'rewarded' });
    const written = await Promise.all([
      ...Array.from({ length: 5 }, (_, index) => note(id, alice, `alice ${index}`)),
      ...Array.from({ length: 5 }, (_, index) => note(id, bob, `bob ${index}`)),
    ]);
    expect(written.map((answer) => answer.status)).toEqual(written.map(() => 201));
    expect(written[0]?.body.data).toMatchObject({ by: alice.userId, text: 'alice 0', note_id: expect.stringMatching(/^note_/) });
    const read = await getRequest(pathTo(getReferralRoute, { id }), { headers: withKey(alice.key) });
    const notes = read.body.data.notes as { at: string; note_id: string; text: string }[];
    expect(notes.map((each) => each.text).sort()).toEqual(written.map((answer) => answer.body.data.text).sort());
    expect(notes.map((each) => `${each.at}#${each.note_id}`)).toEqual(notes.map((each) => `${each.at}#${each.note_id}`).sort());
    expect((await usageRecordsOf(alice.userId)).filter((usage) => usage.status_code === 201)).toHaveLength(5);
  });

  it('answers 404 for an unknown referral, charging nothing, and replays a keyed note', async () => {
    const alice = await givenApiKey();
    expect((await note('no-such-referral', alice, 'hello')).status).toBe(404);
    expect(await usageRecordsOf(alice.userId)).toEqual([]);
    const { id } = await givenAttribution();
    const headers = { 'idempotency-key': uniqueId('key') };
    const first = await note(id, alice, 'once', api, headers);
    const again = await note(id, alice, 'once', api, headers);
    expect([again.status, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', first.body]);
    expect((await getRequest(pathTo(getReferralRoute, { id }), { headers: withKey(alice.key) })).body.data.notes).toHaveLength(1);
  });
});

describe('reopen', () => {
  it('reopens a reject, which can be decided again: the trail reads reject, reopen, approve, with one event and one charge a step', async () => {
    const admin = await givenApiKey();
    const { id } = await givenAttribution();
    const rejected = await decisionRequest('reject', id, { headers: withKey(admin.key), body: { reason: 'ring' } });
    const reopened = await reopen(id, admin, { reason: 'separate billing after all', reason_code: 'rejected_in_error' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data.attribution).toMatchObject({ id, status: 'review_required' });
    expect(reopened.body.data.attribution).not.toHaveProperty('reviewed_at');
    const stored = await storedAttribution(id);
    expect(stored).toMatchObject({ status: 'review_required', queue_key: expect.stringMatching(/^review_required#/) });
    expect(stored).not.toHaveProperty('reviewed_by');
    // Held again from now: the queue's age starts over, and the hold item announces it as referral.review_opened.
    expect(Date.parse(String(stored?.held_at))).toBeGreaterThan(Date.parse(rejected.body.data.attribution.reviewed_at));
    expect((await holdsOf(id)).map((hold) => hold.sk)).toEqual([`hold#${stored?.held_at}`]);
    expect((await decisionRequest('approve', id, { headers: withKey(admin.key) })).status).toBe(200);
    const events = await eventsOf(id);
    expect(events.map((event) => event.detailType)).toEqual(['referral.rejected', 'referral.reopened', 'referral.approved']);
    expect(events[1]?.detail).toMatchObject({
      event_id: `${id}:${reopened.body.request_id}`,
      previous_status: 'rejected',
      status: 'review_required',
      reason_code: 'rejected_in_error',
      undoes: rejected.body.request_id,
    });
    expect(await usageRecordsOf(admin.userId)).toHaveLength(3);
  });

  it('refuses a qualified, a held and an unknown referral (409, 409, 404), a reject past 30 days (409 reopen_window_closed), and a reviewer', async () => {
    const [admin, reviewer] = await Promise.all([givenApiKey(), givenApiKey({ role: 'reviewer' })]);
    expect((await reopen((await givenAttribution({ status: 'qualified' })).id, admin)).body.error.type).toBe('conflict');
    expect((await reopen((await givenAttribution()).id, admin)).body.error.type).toBe('conflict');
    expect((await reopen('no-such-referral', admin)).status).toBe(404);
    const old = await givenAttribution({ status: 'rejected', reviewed_at: '2026-01-01T00:00:00.000Z', reviewed_by: 'someone' });
    const late = await reopen(old.id, admin);
    expect([late.status, late.body.error.type, late.body.error.context.window_closed_at]).toEqual([
      409,
      'reopen_window_closed',
      '2026-01-31T00:00:00.000Z',
    ]);
    const recent = await givenAttribution({ status: 'rejected', reviewed_at: new Date().toISOString(), reviewed_by: 'someone' });
    expect((await reopen(recent.id, reviewer)).body.error).toMatchObject({
      type: 'insufficient_permissions',
      context: { required: 'referrals:reopen' },
    });
    expect(await usageRecordsOf(admin.userId)).toEqual([]);
  });

  it('racing an approve sent after it: each step has one winner, and the trail agrees with the status', async () => {
    const admin = await givenApiKey();
    const ids = await Promise.all(
      Array.from(
        { length: 8 },
        async () => (await givenAttribution({ status: 'rejected', reviewed_at: new Date().toISOString(), reviewed_by: 'x' })).id,
      ),
    );
    const answers = await Promise.all(
      ids.map((id) => Promise.all([reopen(id, admin), decisionRequest('approve', id, { headers: withKey(admin.key) })])),
    );
    for (const [index, [reopened, approved]] of answers.entries()) {
      const id = ids[index] as string;
      expect(reopened.status).toBe(200);
      const actions = (await activityOf(id)).sort((a, b) => String(a.sk).localeCompare(String(b.sk))).map((item) => item.action);
      if (approved.status === 200) {
        expect(actions).toEqual(['reopen', 'approve']);
        expect((await storedAttribution(id))?.status).toBe('qualified');
      } else {
        expect([approved.status, approved.body.error.context.status]).toEqual([409, 'rejected']);
        expect(actions).toEqual(['reopen']);
        expect((await storedAttribution(id))?.status).toBe('review_required');
      }
    }
  });

  it('puts the referral back in the review queue at its place and out of the rejected one', async () => {
    const admin = await givenApiKey();
    const referrer = uniqueId('reopen-referrer');
    const ids = await Promise.all(
      ['2026-03-01', '2026-03-02', '2026-03-03'].map(
        async (day) => (await givenAttribution({ referrer_user_id: referrer, created_at: `${day}T00:00:00.000Z` })).id,
      ),
    );
    await decisionRequest('reject', ids[1] as string, { headers: withKey(admin.key) });
    const listed = async (status: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `?status=${status}&referrer_user_id=${referrer}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await getRequest(`${pathTo(listReferralsRoute)}${query}`, { headers: withKey(admin.key) });
        ids.push(...page.body.data.attributions.map((item: { id: string }) => item.id));
        cursor = page.body.data.next_cursor;
      } while (cursor);
      return ids;
    };
    expect(await listed('rejected')).toEqual([ids[1]]);
    expect((await reopen(ids[1] as string, admin)).status).toBe(200);
    expect(await listed('review_required')).toEqual(ids);
    expect(await listed('rejected')).toEqual([]);
  });

  it('whose answer is lost is resent under its token: 200, reopened once, charged once', async () => {
    const admin = await givenApiKey();
    const functionDb = instrumentedClient();
    const gateway = apiOnClients({ authorizer: instrumentedClient().client, reject: functionDb.client });
    const { id } = await givenAttribution({ status: 'rejected', reviewed_at: new Date().toISOString(), reviewed_by: 'x' });
    functionDb.inject({ command: 'TransactWriteItemsCommand', when: 'after', times: 4 });
    expect((await reopen(id, admin, undefined, gateway)).status).toBe(200);
    expect(functionDb.injectedAttempts()).toBe(4);
    expect((await activityOf(id)).map((item) => item.action)).toEqual(['reopen']);
    expect(await usageRecordsOf(admin.userId)).toHaveLength(1);
  });
});
