// Which referrals of a bulk request its included credits pay for: handed out as their writes start, and handed on by a
// referral that is not decided, so that a usage record is overage only when decided referrals used the included credits up.

/** One referral's part: whether its usage record is overage, and, once its write's outcome is known, whether it spent it. */
export type CreditShare = { overage: boolean; settle(spent: boolean): void };

export type IncludedCredits = { take(): Promise<CreditShare> };

const OVERAGE: CreditShare = { overage: true, settle: () => undefined };

/**
 * Shares for `covered` referrals' worth of included credits. A referral takes a free one as its write starts. When
 * none is free but covered referrals are still being written, it waits for them, rather than take overage while one
 * of them may yet give its share back (a conflict, a failure): that share goes to the first referral waiting. Once
 * none is free and none is in flight, every referral left is overage. Only the referrals past the included credits
 * wait, so a request that does not cross them never does.
 */
export const includedCreditsFor = (covered: number): IncludedCredits => {
  let free = covered;
  let inFlight = 0;
  const waiting: ((share: CreditShare) => void)[] = [];
  const included = (): CreditShare => {
    inFlight += 1;
    let settled = false;
    return {
      overage: false,
      settle(spent) {
        if (settled) return;
        settled = true;
        inFlight -= 1;
        const next = spent ? undefined : waiting.shift();
        if (next) next(included());
        else if (!spent) free += 1;
        // Nothing left to wait for: the rest are overage.
        if (free === 0 && inFlight === 0) for (const resolve of waiting.splice(0)) resolve(OVERAGE);
      },
    };
  };
  return {
    async take() {
      if (free > 0) {
        free -= 1;
        return included();
      }
      if (inFlight === 0) return OVERAGE;
      return new Promise<CreditShare>((resolve) => waiting.push(resolve));
    },
  };
};
