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
/** An open credit reservation of a bulk request: written with the reservation, deleted by its release. */
export const reservationKey = (userId: string, requestId: string) => ({ pk: accountKey(userId), sk: `${RESERVATION_PREFIX}${requestId}` });
export const idempotencyKey = (userId: string, key: string) => ({ pk: accountKey(userId), sk: `idempotency#${key}` });

export const USAGE_PREFIX = 'usage#';
export const RESERVATION_PREFIX = 'reservation#';

/** The sparse index of open reservations, by the UTC day they were made (reservation_day) and when (reserved_at). */
export const OPEN_RESERVATIONS_INDEX = 'open-reservations';
