// What the reject middlewares add to the Lambda context for the handler.
import type { Context } from 'aws-lambda';
import type { Principal } from '../auth/principal.js';
import type { RateLimitState } from '../billing/metering.js';

export type ApiContext<TInput = unknown> = Context & {
  principal: Principal;
  input: TInput;
  admission: Promise<RateLimitState>;
  /** Headers every response carries, error or not (rate-limit state). */
  responseHeaders?: Record<string, string>;
};
