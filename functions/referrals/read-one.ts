// Reading one referral: the attribution, its rewards, and its audit trail newest first; ReferralNotFound when it does not exist.
import { ReferralNotFound } from './errors.js';
import type { ReferralReader, ReferralRecord } from './ports.js';

export const readReferral = async (deps: { referrals: ReferralReader }, attributionId: string): Promise<ReferralRecord> => {
  const record = await deps.referrals.loadReferral(attributionId);
  if (!record) throw new ReferralNotFound(attributionId);
  return record;
};
