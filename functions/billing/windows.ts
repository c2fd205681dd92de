// Metering windows: the UTC minute, day and month that counters and limits are kept per.

export type MeterWindow = { id: string; resetAt: Date };

export const minuteWindow = (now: Date): MeterWindow => {
  const start = Math.floor(now.getTime() / 60_000) * 60_000;
  return { id: new Date(start).toISOString().slice(0, 16), resetAt: new Date(start + 60_000) };
};

export const dayWindow = (now: Date): MeterWindow => ({
  id: now.toISOString().slice(0, 10),
  resetAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)),
});

export const monthWindow = (now: Date): MeterWindow => ({
  id: now.toISOString().slice(0, 7),
  resetAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
});

/** Counters outlive their window by a margin, then DynamoDB TTL removes them. */
export const counterExpiry = (window: MeterWindow, marginSeconds: number): number =>
  Math.floor(window.resetAt.getTime() / 1000) + marginSeconds;

export const secondsUntil = (at: Date, now: Date): number => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
