// Key layout of the usage table: every item of an account shares its partition.
export const accountKey = (userId: string): string => `account#${userId}`;

/** A usage record: one per charged request, or per rejected referral of a bulk request. */
export const usageKey = (userId: string, requestId: string, attributionId?: string) => ({
  pk: accountKey(userId),
  sk: attributionId === undefined ? `usage#${requestId}` : `usage#${requestId}#${attributionId}`,
});
export const rateKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `rate#${window}` });
export const dayKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `day#${window}` });
export const monthKey = (userId: string, window: string) => ({ pk: accountKey(userId), sk: `month#${window}` });
export const idempotencyKey = (userId: string, key: string) => ({ pk: accountKey(userId), sk: `idempotency#${key}` });

export const USAGE_PREFIX = 'usage#';
