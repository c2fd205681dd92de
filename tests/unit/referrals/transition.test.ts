import { describe, expect, it } from 'vitest';
import type { Attribution } from '../../../functions/referrals/attribution.js';
import { NotAwaitingReview, ReferralNotFound } from '../../../functions/referrals/errors.js';
import { rejectAttribution, rejectionChanges } from '../../../functions/referrals/transition.js';

const now = new Date('2026-11-25T10:00:00.000Z');
const held: Attribution = { id: 'attr-1', status: 'review_required', review_reason: 'same_stripe_customer', code: 'A1' };

describe('the reject transition', () => {
  it('rejects a held referral, recording the reviewer and the time, and keeping the fraud checks reason', () => {
    expect(rejectAttribution(held, { attributionId: 'attr-1', reason: 'same billing account', reviewer: 'admin-user', now })).toEqual({
      ...held,
      status: 'rejected',
      reviewed_at: '2026-11-25T10:00:00.000Z',
      reviewed_by: 'admin-user',
      review_reason: 'same_stripe_customer',
    });
  });

  it('lists the fields in the spec order, id and status first', () => {
    const rejected = rejectAttribution(
      { code: 'A1', review_reason: 'x', status: 'review_required', id: 'attr-1' },
      { attributionId: 'attr-1', reviewer: 'a', now },
    );
    expect(Object.keys(rejected)).toEqual(['id', 'status', 'code', 'review_reason', 'reviewed_at', 'reviewed_by']);
  });

  it('never sets review_reason, given a reason or not', () => {
    expect(rejectionChanges({ attributionId: 'attr-1', reason: 'fraud', reviewer: 'admin-user', now })).not.toHaveProperty('review_reason');
    expect(rejectionChanges({ attributionId: 'attr-1', reviewer: 'admin-user', now })).not.toHaveProperty('review_reason');
    expect(rejectAttribution(held, { attributionId: 'attr-1', reviewer: 'a', now }).review_reason).toBe('same_stripe_customer');
  });

  it('refuses a missing referral as not found', () => {
    const error = (() => {
      try {
        rejectAttribution(undefined, { attributionId: 'nope', reviewer: 'a', now });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ReferralNotFound);
    expect(error).toMatchObject({ attributionId: 'nope' });
  });

  it.each(['attributed', 'qualified', 'rewarded', 'expired', 'capped', 'failed', 'rejected'] as const)(
    'refuses a %s referral as not awaiting review, naming its status',
    (status) => {
      expect(() => rejectAttribution({ ...held, status }, { attributionId: 'attr-1', reviewer: 'a', now })).toThrowError(
        expect.objectContaining({ constructor: NotAwaitingReview, attributionId: 'attr-1', status, expected: 'review_required' }),
      );
    },
  );
});
