// How long a write may go on resending to learn its outcome, and where each resend is noted.

export type WarnLog = { warn(message: string, attributes: Record<string, unknown>): void };

export type WriteBudget = {
  /** No send of the write starts after this (epoch ms); an outcome still unknown then is reported as unknown. */
  deadline: number;
  log: WarnLog;
};

/** Time kept back from the function's end for the answer, once the last write has returned. */
export const ANSWER_RESERVE_MS = 500;

/** The budget of writes that answer the request: everything up to the function's end, less the time to answer. */
export const writeBudget = (functionEndsAt: number, log: WarnLog, reserveMs = ANSWER_RESERVE_MS): WriteBudget => ({
  deadline: functionEndsAt - reserveMs,
  log,
});
