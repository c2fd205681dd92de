import { describe, expect, it } from 'vitest';
import { type CreditShare, includedCreditsFor } from '../../../functions/billing/included-credits.js';

/** What a take has come to so far: a share, included or overage, or still waiting. */
const stateOf = async (take: Promise<CreditShare>): Promise<'included' | 'overage' | 'waiting'> =>
  Promise.race([
    take.then((share) => (share.overage ? ('overage' as const) : ('included' as const))),
    new Promise<'waiting'>((resolve) => setImmediate(() => resolve('waiting'))),
  ]);

describe("a bulk request's included credits, handed to its referrals as their writes start", () => {
  it('covers as many referrals as it has included credits for; the rest are overage once those are spent', async () => {
    const credits = includedCreditsFor(2);
    const [a, b, c] = [credits.take(), credits.take(), credits.take()];
    expect([await stateOf(a), await stateOf(b), await stateOf(c)]).toEqual(['included', 'included', 'waiting']);
    (await a).settle(true);
    expect(await stateOf(c)).toBe('waiting');
    (await b).settle(true);
    expect(await stateOf(c)).toBe('overage');
    expect(await stateOf(credits.take())).toBe('overage');
  });

  it('hands the share of a referral that was not decided to the first one waiting, as often as it takes', async () => {
    const credits = includedCreditsFor(1);
    const [a, b, c] = [credits.take(), credits.take(), credits.take()];
    (await a).settle(false);
    expect([await stateOf(b), await stateOf(c)]).toEqual(['included', 'waiting']);
    // The next one fails too: its share goes on, and nothing is billed as overage while it was free.
    (await b).settle(false);
    expect(await stateOf(c)).toBe('included');
    (await c).settle(true);
    expect(await stateOf(credits.take())).toBe('overage');
  });

  it('keeps a share given back while no one waits for a referral that starts later', async () => {
    const credits = includedCreditsFor(1);
    (await credits.take()).settle(false);
    expect(await stateOf(credits.take())).toBe('included');
  });

  it('makes no one wait when it covers nothing', async () => {
    expect(await stateOf(includedCreditsFor(0).take())).toBe('overage');
  });

  it('counts a share settled twice once', async () => {
    const credits = includedCreditsFor(1);
    const a = await credits.take();
    a.settle(false);
    a.settle(false);
    expect([await stateOf(credits.take()), await stateOf(credits.take())]).toEqual(['included', 'waiting']);
  });
});
