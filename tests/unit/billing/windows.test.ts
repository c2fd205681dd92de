import { describe, expect, it } from 'vitest';
import { planCharge } from '../../../functions/billing/charge.js';
import { plans } from '../../../functions/billing/plans.js';
import { counterExpiry, dayWindow, minuteWindow, monthWindow } from '../../../functions/billing/windows.js';

const now = new Date('2026-12-31T23:59:30.500Z');

describe('metering windows', () => {
  it('cuts UTC minutes, days and months, each with the moment it resets', () => {
    expect(minuteWindow(now)).toEqual({ id: '2026-12-31T23:59', resetAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(dayWindow(now)).toEqual({ id: '2026-12-31', resetAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(monthWindow(now)).toEqual({ id: '2026-12', resetAt: new Date('2027-01-01T00:00:00.000Z') });
  });
});

describe('counter expiry', () => {
  it('keeps each counter past its window by a margin, in Unix seconds', () => {
    expect(counterExpiry(minuteWindow(now), 60)).toBe(Date.parse('2027-01-01T00:01:00.000Z') / 1000);
    const charge = planCharge(
      {
        principal: { userId: 'u', subjectId: 's', plan: 'growth', authMethod: 'jwt', overageEnabled: false },
        plan: plans.growth,
        requestId: 'r',
        price: { endpoint: 'e', statusCode: 200, credits: 2 },
        now,
      },
      { overage: false, includedLimit: 100_000 },
    );
    expect(charge.day).toEqual({
      window: '2026-12-31',
      credits: 2,
      ceiling: 25_000,
      expiresAt: Date.parse('2027-01-03T00:00:00.000Z') / 1000,
    });
    expect(charge.month).toEqual({
      window: '2026-12',
      credits: 2,
      ceiling: 100_000,
      expiresAt: Date.parse('2027-02-05T00:00:00.000Z') / 1000,
    });
    expect(charge.usage).toMatchObject({ credits: 2, overage: false });
  });
});
