// Reading one referral: the attribution, its rewards, and its audit trail newest first; 404 when it does not exist.
import type { ReferralReader, ReferralRecord } from './ports.js';
import { notFound } from './reject-transition.js';

export const readReferral = async (
  deps: { referrals: ReferralReader },
  attributionId: string,
  admission: Promise<unknown>,
): Promise<ReferralRecord> => {
  const [, record] = await Promise.all([admission, deps.referrals.loadReferral(attributionId)]);
  if (!record) throw notFound(attributionId);
  return record;
};
