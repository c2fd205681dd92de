import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../functions/auth/principal.js';
import { type Admission, admitRequest } from '../../../functions/billing/admission.js';
import { type Plan, plans } from '../../../functions/billing/plans.js';
import { ApiError } from '../../../functions/http/api-error.js';
import { endpointOf } from '../../../functions/http/route.js';
import { rejectReferralRoute } from '../../../functions/http/routes/reject-referral.js';
import { buildIdempotencyRecord, fingerprintOf, IDEMPOTENCY_TTL_SECONDS } from '../../../functions/idempotency/record.js';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import {
  type DecisionDeps,
  type DecisionRequest,
  type DecisionResult,
  decideReferral,
  decisionFingerprint,
} from '../../../functions/referrals/decide-one.js';
import { APPROVE, type Decision, REJECT } from '../../../functions/referrals/decision.js';
import { failure } from '../../support/api-errors.js';
import { ampleBudget, fakeWorld } from '../../support/fakes.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const principal: Principal = { userId: 'admin-1', subjectId: 'key_1', plan: 'pro', authMethod: 'api_key', overageEnabled: false };
const held: Attribution = { id: 'attr-1', status: 'review_required', review_reason: 'same_stripe_customer', code: 'A1' };

const setup = (options: { plan?: Partial<Plan>; principal?: Partial<Principal>; decision?: Decision } = {}) => {
  const world = fakeWorld();
  const caller = { ...principal, ...options.principal };
  const table = { ...plans, [caller.plan]: { ...plans[caller.plan], ...options.plan } };
  const deps: DecisionDeps = { referrals: world.referrals, idempotency: world.idempotency, plans: table, now: () => now };
  world.referrals.put(held, [{ id: 'reward-1', attribution_id: 'attr-1', role: 'referrer', credits: 10_000 }]);
  const call = (request: Partial<DecisionRequest> = {}, requestId = 'req-1', admission?: Promise<Admission>, decision = options.decision) =>
    decideReferral(deps, {
      decision: decision ?? REJECT,
      request: { attributionId: 'attr-1', ...request },
      price: { endpoint: endpointOf(rejectReferralRoute), credits: 1, statusCode: 200 },
      principal: caller,
      requestId,
      admission: admission ?? admitRequest({ meter: world.meter, plans: table, now: () => now }, caller, now),
      budget: ampleBudget(),
    });
  return { world, deps, call, caller };
};

describe('the reject use case', () => {
  it('rejects a held referral, returns it with its rewards, and charges one credit in the same commit', async () => {
    const { world, call } = setup();
    const result = await call({ reason: 'same billing account' });
    expect(result).toEqual<DecisionResult>({
      requestId: 'req-1',
      replayed: false,
      creditsCharged: 1,
      data: {
        attribution: {
          ...held,
          status: 'rejected',
          review_reason: 'same_stripe_customer',
          reviewed_at: now.toISOString(),
          reviewed_by: 'admin-1',
        },
        rewards: [{ id: 'reward-1', attribution_id: 'attr-1', role: 'referrer', credits: 10_000 }],
      },
    });
    expect(world.referrals.attributions.get('attr-1')?.status).toBe('rejected');
    expect(world.meter.usage).toEqual([
      expect.objectContaining({ request_id: 'req-1', credits: 1, endpoint: endpointOf(rejectReferralRoute), overage: false }),
    ]);
    expect(world.referrals.commits).toHaveLength(1);
    expect(world.referrals.commits[0]?.idempotency).toBeUndefined();
    // Nothing is lost: the fraud checks' reason stays on the referral, the admin's goes to the audit trail with it.
    expect(world.referrals.commits[0]?.activity).toEqual({
      action: 'reject',
      previous_status: 'review_required',
      previous_review_reason: 'same_stripe_customer',
      reason: 'same billing account',
      actor: 'admin-1',
      auth_method: 'api_key',
      subject_id: 'key_1',
      request_id: 'req-1',
      at: now.toISOString(),
      attribution: result.data.attribution,
    });
  });

  it('leaves reason and previous_review_reason out of the activity when there are none', async () => {
    const { world, call } = setup();
    world.referrals.put({ id: 'attr-plain', status: 'review_required' });
    await call({ attributionId: 'attr-plain' });
    const activity = world.referrals.commits[0]?.activity;
    expect(activity).not.toHaveProperty('reason');
    expect(activity).not.toHaveProperty('previous_review_reason');
    expect(activity).toMatchObject({ previous_status: 'review_required', actor: 'admin-1' });
  });

  it('answers 404 for an unknown referral and 409 naming the status of one not held, committing nothing', async () => {
    const { world, call } = setup();
    world.referrals.put({ id: 'attr-2', status: 'rewarded' });
    expect(await failure(call({ attributionId: 'nope' }))).toMatchObject({ type: 'not_found', context: { id: 'nope' } });
    expect(await failure(call({ attributionId: 'attr-2' }))).toMatchObject({
      type: 'conflict',
      context: { id: 'attr-2', status: 'rewarded' },
    });
    expect(world.referrals.commits).toEqual([]);
    expect(world.meter.usage).toEqual([]);
  });

  it('lets the admission failure (429) win', async () => {
    const { call } = setup();
    const refused = Promise.reject(new ApiError('rate_limited'));
    expect(await failure(call({}, 'req-1', refused))).toMatchObject({ type: 'rate_limited' });
  });

  describe('with an Idempotency-Key', () => {
    it('stores the first result and replays it for the same request, charging nothing more', async () => {
      const { world, call } = setup();
      const first = await call({ reason: 'fraud', idempotencyKey: 'k1' }, 'req-1');
      const second = await call({ reason: 'fraud', idempotencyKey: 'k1' }, 'req-2');
      expect(second).toEqual({ ...first, replayed: true, creditsCharged: 0 });
      expect(second.requestId).toBe('req-1');
      expect(world.meter.usage).toHaveLength(1);
      expect(world.referrals.commits).toHaveLength(1);
    });

    it('refuses the same key for another request with 422', async () => {
      const { world, call } = setup();
      world.referrals.put({ ...held, id: 'attr-2' });
      await call({ idempotencyKey: 'k1' });
      expect(await failure(call({ attributionId: 'attr-2', idempotencyKey: 'k1' }))).toMatchObject({
        type: 'idempotency_key_reused',
        context: { idempotency_key_expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_SECONDS * 1000).toISOString() },
      });
      expect(await failure(call({ reason: 'other', idempotencyKey: 'k1' }))).toMatchObject({ type: 'idempotency_key_reused' });
    });

    it('does not replay an expired record that TTL has not removed yet', async () => {
      const { world, call, caller } = setup();
      const past = new Date(now.getTime() - IDEMPOTENCY_TTL_SECONDS * 1000);
      const stale = buildIdempotencyRecord(
        'k1',
        decisionFingerprint(REJECT, { attributionId: 'attr-1' }),
        { requestId: 'old', data: {} },
        past,
      );
      world.idempotency.records.set(`${caller.userId}#k1`, stale);
      const result = await call({ idempotencyKey: 'k1' });
      expect(result).toMatchObject({ requestId: 'req-1', replayed: false });
      expect(world.idempotency.records.get(`${caller.userId}#k1`)?.result).toContain('"request_id":"req-1"');
    });

    it('replays a result committed by a concurrent request between the two parallel reads', async () => {
      const { world, call, caller } = setup();
      world.referrals.put({ ...held, status: 'rejected' });
      const committed = buildIdempotencyRecord(
        'k1',
        decisionFingerprint(REJECT, { attributionId: 'attr-1' }),
        { requestId: 'req-0', data: { x: 1 } },
        now,
      );
      world.idempotency.appearOnRead.set(`${caller.userId}#k1`, { read: 2, record: committed });
      const result = await call({ idempotencyKey: 'k1' });
      expect(result).toEqual({ requestId: 'req-0', data: { x: 1 }, replayed: true, creditsCharged: 0 });
      expect(world.idempotency.reads).toBe(2);
    });

    it('answers 409 when the second read finds no record either', async () => {
      const { world, call } = setup();
      world.referrals.put({ ...held, status: 'rejected' });
      expect(await failure(call({ idempotencyKey: 'k1' }))).toMatchObject({ type: 'conflict' });
      expect(world.idempotency.reads).toBe(2);
    });

    it('reads once more only for a conflict, not for an unknown referral', async () => {
      const { world, call } = setup();
      expect(await failure(call({ attributionId: 'nope', idempotencyKey: 'k1' }))).toMatchObject({ type: 'not_found' });
      expect(world.idempotency.reads).toBe(1);
    });

    it('replays the record a concurrent request committed first, when the transaction says so', async () => {
      const { world, call } = setup();
      const record = buildIdempotencyRecord(
        'k1',
        decisionFingerprint(REJECT, { attributionId: 'attr-1' }),
        { requestId: 'req-0', data: { y: 2 } },
        now,
      );
      world.referrals.scripted.push({ kind: 'idempotency_replay', record });
      expect(await call({ idempotencyKey: 'k1' })).toEqual({ requestId: 'req-0', data: { y: 2 }, replayed: true, creditsCharged: 0 });
    });

    it('answers a retryable 409 request_in_progress when the counters stay contended', async () => {
      const { world, call } = setup();
      world.referrals.scripted.push({ kind: 'contention' });
      expect(await failure(call({ idempotencyKey: 'k1' }))).toMatchObject({ type: 'request_in_progress', retryable: true });
    });
  });

  describe('when the transaction is cancelled by a concurrent change', () => {
    it.each([
      [{ kind: 'attribution_missing' } as const, { type: 'not_found', statusCode: 404 }],
      [
        { kind: 'attribution_status', status: 'rejected' } as const,
        { type: 'conflict', statusCode: 409, context: { id: 'attr-1', status: 'rejected' } },
      ],
      [{ kind: 'daily_cap' } as const, { type: 'daily_cap_reached', statusCode: 429 }],
      [{ kind: 'contention' } as const, { type: 'concurrent_update', statusCode: 409, retryable: true }],
    ])('maps %o to its answer', async (cancellation, expected) => {
      const { world, call } = setup();
      world.referrals.scripted.push(cancellation);
      expect(await failure(call())).toMatchObject(expected);
      expect(world.meter.usage).toEqual([]);
    });
  });

  describe('billing', () => {
    it('refuses past the daily cap with 429 and the reset, leaving the referral held', async () => {
      const { world, call } = setup({ principal: { plan: 'growth' }, plan: { dailyCap: 0 } });
      const error = await failure(call());
      expect(error).toMatchObject({ type: 'daily_cap_reached', context: expect.objectContaining({ retry_after: 14 * 3600 }) });
      expect(world.referrals.attributions.get('attr-1')?.status).toBe('review_required');
    });

    it('charges overage once the included credits are used, on a plan that always bills overage', async () => {
      const { world, call, caller } = setup({ plan: { includedCreditsPerMonth: 0 } });
      world.meter.counters.set(`${caller.userId}#month#2026-11`, 0);
      await call();
      expect(world.meter.usage[0]?.overage).toBe(true);
    });

    it('re-plans as overage when concurrent requests took the last included credit', async () => {
      const { world, call } = setup({ plan: { includedCreditsPerMonth: 5 } });
      world.referrals.scripted.push({ kind: 'included_credits' });
      await call();
      expect(world.referrals.commits.map((write) => [write.charge.usage.overage, write.charge.month.ceiling])).toEqual([
        [false, 5],
        [true, null],
      ]);
    });

    it.each([
      ['free', false],
      ['starter', false],
    ] as const)(
      'refuses %s (overage %s) with 429 credits_exhausted when the last included credit was taken',
      async (plan, overageEnabled) => {
        const { world, call } = setup({ principal: { plan, overageEnabled } });
        world.referrals.scripted.push({ kind: 'included_credits' });
        expect(await failure(call())).toMatchObject({ type: 'credits_exhausted' });
        expect(world.referrals.commits).toHaveLength(1);
      },
    );

    it('lets starter with overage enabled go on as overage', async () => {
      const { world, call } = setup({ principal: { plan: 'starter', overageEnabled: true } });
      world.referrals.scripted.push({ kind: 'included_credits' });
      await call();
      expect(world.meter.usage[0]?.overage).toBe(true);
    });

    it('refuses free once its included credits are spent, before any commit', async () => {
      const { world, call, caller } = setup({ principal: { plan: 'free' } });
      world.meter.counters.set(`${caller.userId}#month#2026-11`, plans.free.includedCreditsPerMonth);
      expect(await failure(call())).toMatchObject({ type: 'credits_exhausted' });
      expect(world.referrals.commits).toEqual([]);
    });

    it('does not re-plan twice: an included-credits refusal of an overage charge is final', async () => {
      const { world, call } = setup({ plan: { includedCreditsPerMonth: 5 } });
      world.referrals.scripted.push({ kind: 'included_credits' }, { kind: 'included_credits' });
      expect(await failure(call())).toMatchObject({ type: 'credits_exhausted' });
      expect(world.referrals.commits).toHaveLength(2);
    });
  });
});

describe('the approve use case: the same machinery, the other decision', () => {
  it('moves a held referral to qualified, keeps its reason and rewards, records an approve, and charges one credit', async () => {
    const { world, call } = setup({ decision: APPROVE });
    const result = await call({ reason: 'verified' });
    expect(result.data.attribution).toEqual({ ...held, status: 'qualified', reviewed_at: now.toISOString(), reviewed_by: 'admin-1' });
    expect(result.data.rewards).toEqual([{ id: 'reward-1', attribution_id: 'attr-1', role: 'referrer', credits: 10_000 }]);
    expect(world.referrals.attributions.get('attr-1')?.status).toBe('qualified');
    expect(world.referrals.commits[0]).toMatchObject({
      expectedStatus: 'review_required',
      changes: { status: 'qualified' },
      activity: { action: 'approve', previous_status: 'review_required', reason: 'verified', attribution: { status: 'qualified' } },
    });
    expect(world.meter.usage).toEqual([expect.objectContaining({ request_id: 'req-1', credits: 1 })]);
  });

  it('answers 409 to a reject after an approve, and to an approve after a reject, naming the status, and charges once', async () => {
    const approved = setup({ decision: APPROVE });
    await approved.call();
    expect(await failure(approved.call({}, 'req-2', undefined, REJECT))).toMatchObject({
      type: 'conflict',
      context: { status: 'qualified' },
    });
    const rejected = setup();
    await rejected.call();
    expect(await failure(rejected.call({}, 'req-2', undefined, APPROVE))).toMatchObject({
      type: 'conflict',
      context: { status: 'rejected' },
    });
    expect([approved.world.meter.usage.length, rejected.world.meter.usage.length]).toEqual([1, 1]);
  });

  it('fingerprints an approve apart from a reject of the same referral, and a reject as it always did', () => {
    const request = { attributionId: 'attr-1', reason: 'r' };
    expect(decisionFingerprint(APPROVE, request)).not.toBe(decisionFingerprint(REJECT, request));
    // Keys of rejects sent before approvals existed still replay: a reject's fingerprint is [id, reason], as it was.
    expect(decisionFingerprint(REJECT, request)).toBe(fingerprintOf(['attr-1', 'r']));
  });

  it('refuses an Idempotency-Key first used for a reject when it comes back with an approve', async () => {
    const { world, call } = setup();
    await call({ idempotencyKey: 'k1' });
    expect(await failure(call({ idempotencyKey: 'k1' }, 'req-2', undefined, APPROVE))).toMatchObject({ type: 'idempotency_key_reused' });
    expect(world.referrals.attributions.get('attr-1')?.status).toBe('rejected');
    expect(world.meter.usage).toHaveLength(1);
  });
});
