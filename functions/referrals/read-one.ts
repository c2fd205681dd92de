// Reading one referral: the attribution with its claim (and its age in review while held), its rewards, its audit
// trail newest first and its notes; ReferralNotFound when it does not exist.
import { liveClaim } from './claims.js';
import { ReferralNotFound } from './errors.js';
import { type HeldAttribution, withHeldAge } from './hold.js';
import type { ReferralReader, ReferralRecord } from './ports.js';

export const readReferral = async (
  deps: { referrals: ReferralReader; now: () => Date },
  attributionId: string,
): Promise<Omit<ReferralRecord, 'claim'> & { attribution: HeldAttribution }> => {
  const found = await deps.referrals.loadReferral(attributionId);
  if (!found) throw new ReferralNotFound(attributionId);
  const { claim, ...record } = found;
  const now = deps.now();
  return { ...record, attribution: withHeldAge({ ...record.attribution, claim: liveClaim(claim, now) }, now) };
};
