// Key layout of the referrals table: an attribution and its rewards share the attribution's partition.
export const ATTRIBUTION_SK = 'attribution';
export const REWARD_SK_PREFIX = 'reward#';

export const attributionItemKey = (id: string) => ({ pk: id, sk: ATTRIBUTION_SK });
export const rewardItemKey = (attributionId: string, rewardId: string) => ({ pk: attributionId, sk: `${REWARD_SK_PREFIX}${rewardId}` });
