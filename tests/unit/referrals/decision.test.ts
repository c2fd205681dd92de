import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { APPROVE, DECISIONS, decide, decisionChanges, decisionOf, REJECT } from '../../../functions/referrals/decision.js';
import { NotAwaitingReview, ReferralNotFound } from '../../../functions/referrals/errors.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const held: Attribution = { id: 'attr-1', status: 'review_required', review_reason: 'same_stripe_customer', code: 'A1', risk_flags: ['x'] };

describe('the two decisions', () => {
  it('each names its own status, action, outcome and event, and is found again from its action', () => {
    expect(REJECT).toEqual({
      action: 'reject',
      status: 'rejected',
      outcome: 'rejected',
      event: 'referral.rejected',
      reasonCodes: ['self_referral', 'duplicate_account', 'payment_fraud', 'bot_traffic', 'policy_violation', 'other'],
    });
    expect(APPROVE).toEqual({
      action: 'approve',
      status: 'qualified',
      outcome: 'approved',
      event: 'referral.approved',
      reasonCodes: ['verified_legitimate', 'false_positive', 'other'],
    });
    for (const decision of DECISIONS) expect(decisionOf(decision.action)).toBe(decision);
  });
});

describe.each(DECISIONS)('the $action rule', (decision) => {
  it('decides a held referral, recording the reviewer and the time, and keeping the fraud checks reason and flags', () => {
    expect(decide(decision, held, { attributionId: 'attr-1', reason: 'same billing account', reviewer: 'admin-user', now })).toEqual({
      ...held,
      status: decision.status,
      reviewed_at: '2026-11-25T10:00:00.000Z',
      reviewed_by: 'admin-user',
      review_reason: 'same_stripe_customer',
      risk_flags: ['x'],
    });
  });

  it('lists the fields in the spec order, id and status first', () => {
    const decided = decide(
      decision,
      { code: 'A1', review_reason: 'x', status: 'review_required', id: 'attr-1' },
      { attributionId: 'attr-1', reviewer: 'a', now },
    );
    expect(Object.keys(decided)).toEqual(['id', 'status', 'code', 'review_reason', 'reviewed_at', 'reviewed_by']);
  });

  it('sets only the status, the reviewer and the time, given a reason or not', () => {
    const expected = { status: decision.status, reviewed_at: now.toISOString(), reviewed_by: 'admin-user' };
    expect(decisionChanges(decision, { attributionId: 'attr-1', reason: 'fraud', reviewer: 'admin-user', now })).toEqual(expected);
    expect(decisionChanges(decision, { attributionId: 'attr-1', reviewer: 'admin-user', now })).toEqual(expected);
  });

  it('refuses a missing referral as not found', () => {
    expect(() => decide(decision, undefined, { attributionId: 'nope', reviewer: 'a', now })).toThrowError(
      expect.objectContaining({ constructor: ReferralNotFound, code: 'REFERRAL.NOT_FOUND', details: { id: 'nope' } }),
    );
  });

  it.each(['attributed', 'qualified', 'rewarded', 'expired', 'capped', 'failed', 'rejected'] as const)(
    'refuses a %s referral as not awaiting review, naming its status',
    (status) => {
      expect(() => decide(decision, { ...held, status }, { attributionId: 'attr-1', reviewer: 'a', now })).toThrowError(
        expect.objectContaining({
          constructor: NotAwaitingReview,
          code: 'REFERRAL.NOT_AWAITING_REVIEW',
          details: { id: 'attr-1', status },
          message: `Referral attribution is ${status}, not review_required`,
        }),
      );
    },
  );
});
