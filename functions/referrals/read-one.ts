// Reading one referral: the attribution, its rewards, and its audit trail newest first; 404 when it does not exist.
import * as v from 'valibot';
import { ActivitySchema } from './activity.js';
import { AttributionSchema, RewardSchema } from './attribution.js';
import type { ReferralReader, ReferralRecord } from './ports.js';
import { notFound } from './transition.js';

/** One referral with its rewards and its audit trail, newest first: what the read answers. */
export const ReferralRecordSchema = v.object({
  attribution: AttributionSchema,
  rewards: v.array(RewardSchema),
  activity: v.pipe(v.array(ActivitySchema), v.metadata({ description: 'The audit trail, newest first' })),
});

export const readReferral = async (
  deps: { referrals: ReferralReader },
  attributionId: string,
  admission: Promise<unknown>,
): Promise<ReferralRecord> => {
  const [, record] = await Promise.all([admission, deps.referrals.loadReferral(attributionId)]);
  if (!record) throw notFound(attributionId);
  return record;
};
