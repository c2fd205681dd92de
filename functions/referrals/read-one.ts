// Reading one referral: the attribution with its claim, its rewards, and its audit trail newest first; ReferralNotFound
// when it does not exist.
import { liveClaim } from './claims.js';
import { ReferralNotFound } from './errors.js';
import type { ReferralReader, ReferralRecord } from './ports.js';

export const readReferral = async (
  deps: { referrals: ReferralReader; now: () => Date },
  attributionId: string,
): Promise<Omit<ReferralRecord, 'claim'>> => {
  const found = await deps.referrals.loadReferral(attributionId);
  if (!found) throw new ReferralNotFound(attributionId);
  const { claim, ...record } = found;
  return { ...record, attribution: { ...record.attribution, claim: liveClaim(claim, deps.now()) } };
};
