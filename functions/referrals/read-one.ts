// Reading one referral: the attribution (with its age in review while held), its rewards, and its audit trail newest
// first; ReferralNotFound when it does not exist.
import { ReferralNotFound } from './errors.js';
import { type HeldAttribution, withHeldAge } from './hold.js';
import type { ReferralReader, ReferralRecord } from './ports.js';

export const readReferral = async (
  deps: { referrals: ReferralReader; now: () => Date },
  attributionId: string,
): Promise<ReferralRecord & { attribution: HeldAttribution }> => {
  const record = await deps.referrals.loadReferral(attributionId);
  if (!record) throw new ReferralNotFound(attributionId);
  return { ...record, attribution: withHeldAge(record.attribution, deps.now()) };
};
