import { describe, expect, it } from 'vitest';
import { admitRequest } from '../../../functions/billing/admission.js';
import { plans } from '../../../functions/billing/plans.js';
import { addNote } from '../../../functions/referrals/append-note.js';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { REOPEN_WINDOW_DAYS, reopenReferral } from '../../../functions/referrals/reopen.js';
import { reviewEvent } from '../../../functions/referrals/review-event.js';
import { failure } from '../../support/api-errors.js';
import { aPrincipal } from '../../support/builders.js';
import { ampleBudget, fakeWorld } from '../../support/fakes.js';

const start = new Date('2026-11-25T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const admin = aPrincipal({ userId: 'admin-1' });
const price = { endpoint: 'POST /x', credits: 1, statusCode: 200 };

const setup = () => {
  const world = fakeWorld();
  let now = start;
  const deps = { notes: world.referrals, referrals: world.referrals, idempotency: world.idempotency, plans, now: () => now };
  const base = (requestId: string) => ({
    price,
    principal: admin,
    requestId,
    admission: admitRequest({ meter: world.meter, plans, now: () => now }, admin, now),
    budget: ampleBudget(),
  });
  return {
    world,
    at: (ms: number) => {
      now = new Date(start.getTime() + ms);
    },
    note: (id: string, text: string, requestId = 'req-n', idempotencyKey?: string) =>
      addNote(deps, { ...base(requestId), request: { attributionId: id, text, ...(idempotencyKey ? { idempotencyKey } : {}) } }),
    reopen: (id: string, requestId = 'req-r', reasonCode?: string, idempotencyKey?: string, reason = 'proved separate') =>
      reopenReferral(deps, {
        ...base(requestId),
        request: { attributionId: id, reason, ...(reasonCode ? { reasonCode } : {}), ...(idempotencyKey ? { idempotencyKey } : {}) },
      }),
  };
};

const rejected = (id: string, reviewedAt = start.toISOString()): Attribution => ({
  id,
  status: 'rejected',
  review_reason: 'velocity',
  reviewed_at: reviewedAt,
  reviewed_by: 'someone',
});

describe('a note', () => {
  it("is appended with the server's author and time, on any status, charging one credit", async () => {
    const { world, note } = setup();
    world.referrals.put({ id: 'a', status: 'rewarded' });
    const result = await note('a', 'checked the card');
    expect(result.data).toEqual({
      note_id: expect.stringMatching(/^note_[0-9a-f]{16}$/),
      by: 'admin-1',
      at: start.toISOString(),
      text: 'checked the card',
    });
    expect([result.replayed, result.creditsCharged]).toEqual([false, 1]);
    expect(world.referrals.notes.get('a')).toEqual([result.data]);
    expect(world.meter.usage).toHaveLength(1);
  });

  it('refuses an unknown referral, charging nothing, and replays a keyed note', async () => {
    const { world, note } = setup();
    expect((await failure(note('none', 'x'))).type).toBe('not_found');
    expect(world.meter.usage).toEqual([]);
    world.referrals.put({ id: 'a', status: 'review_required' });
    const first = await note('a', 'once', 'req-1', 'k');
    expect(await note('a', 'once', 'req-2', 'k')).toEqual({ ...first, replayed: true, creditsCharged: 0 });
    expect((await failure(note('a', 'other text', 'req-3', 'k'))).type).toBe('idempotency_key_reused');
    expect(world.referrals.notes.get('a')).toHaveLength(1);
    expect(first.data.note_id).not.toBe((await note('a', 'twice', 'req-4')).data.note_id);
  });
});

describe('a reopen', () => {
  it('moves a rejected referral back to review, its review fields cleared, naming the reject it undoes', async () => {
    const { world, reopen } = setup();
    world.referrals.put(rejected('a'));
    world.referrals.activity.set('a', [
      {
        action: 'reject',
        previous_status: 'review_required',
        actor: 's',
        auth_method: 'jwt',
        subject_id: 's',
        request_id: 'req-reject',
        at: start.toISOString(),
        attribution: rejected('a'),
      },
    ]);
    world.referrals.claims.set('a', { by: 'bob', untilMs: start.getTime() + 60_000 });
    const result = await reopen('a', 'req-r', 'rejected_in_error');
    expect(result.data.attribution).toEqual({
      id: 'a',
      status: 'review_required',
      review_reason: 'velocity',
      held_at: start.toISOString(),
    });
    expect(world.referrals.holds.get('a')).toEqual([{ held_at: start.toISOString() }]);
    expect(world.referrals.attributions.get('a')?.status).toBe('review_required');
    expect(world.referrals.claims.has('a')).toBe(false);
    const [, activity] = world.referrals.activity.get('a') ?? [];
    expect(activity).toMatchObject({
      action: 'reopen',
      previous_status: 'rejected',
      undoes: 'req-reject',
      reason_code: 'rejected_in_error',
      request_id: 'req-r',
    });
    expect(reviewEvent('a', activity as never)).toMatchObject({
      detailType: 'referral.reopened',
      detail: { event_id: 'a:req-r', status: 'review_required', previous_status: 'rejected', undoes: 'req-reject' },
    });
    expect(world.meter.usage).toHaveLength(1);
  });

  it(`is allowed until ${REOPEN_WINDOW_DAYS} days after the reject, and refused from then on`, async () => {
    const { world, reopen, at } = setup();
    world.referrals.put(rejected('a'));
    world.referrals.put(rejected('b'));
    at(REOPEN_WINDOW_DAYS * DAY - 1);
    expect((await reopen('a')).data.attribution.status).toBe('review_required');
    at(REOPEN_WINDOW_DAYS * DAY);
    const late = await failure(reopen('b'));
    expect([late.type, late.context]).toEqual([
      'reopen_window_closed',
      { id: 'b', rejected_at: start.toISOString(), window_closed_at: '2026-12-25T10:00:00.000Z' },
    ]);
  });

  it('refuses an approved, a held and an unknown referral, charging nothing', async () => {
    const { world, reopen } = setup();
    world.referrals.put({ id: 'q', status: 'qualified' });
    world.referrals.put({ id: 'h', status: 'review_required' });
    expect((await failure(reopen('q'))).type).toBe('conflict');
    expect((await failure(reopen('h'))).type).toBe('conflict');
    expect((await failure(reopen('none'))).type).toBe('not_found');
    expect(world.meter.usage).toEqual([]);
  });

  it('replays a keyed reopen with its first answer, charging nothing more, and refuses the key for another body', async () => {
    const { world, reopen } = setup();
    world.referrals.put(rejected('a'));
    const first = await reopen('a', 'req-1', 'new_evidence', 'k');
    expect(await reopen('a', 'req-2', 'new_evidence', 'k')).toEqual({ ...first, replayed: true, creditsCharged: 0 });
    expect((await failure(reopen('a', 'req-3', 'other', 'k'))).type).toBe('idempotency_key_reused');
    expect((await failure(reopen('a', 'req-4', 'new_evidence', 'k', 'another reason'))).type).toBe('idempotency_key_reused');
    expect(world.referrals.activity.get('a')).toHaveLength(1);
    expect(world.meter.usage).toHaveLength(1);
  });

  it('keeps the reason it was held for in the trail, and no reason code or undone decision it was not given', async () => {
    const { world, reopen } = setup();
    world.referrals.put(rejected('a'));
    world.referrals.put({ ...rejected('b'), review_reason: undefined } as Attribution);
    await reopen('a');
    await reopen('b');
    const [activityOfA] = world.referrals.activity.get('a') ?? [];
    expect(activityOfA).toMatchObject({ previous_review_reason: 'velocity', reason: 'proved separate' });
    expect(activityOfA).not.toHaveProperty('reason_code');
    expect(activityOfA).not.toHaveProperty('undoes');
    expect(world.referrals.activity.get('b')?.[0]).not.toHaveProperty('previous_review_reason');
  });

  it('loses to a change made after the reject it read', async () => {
    const { world, reopen } = setup();
    world.referrals.put(rejected('a'));
    world.referrals.scripted.push({ kind: 'attribution_status', status: 'qualified' });
    expect((await failure(reopen('a'))).type).toBe('conflict');
  });
});
