// What the API middlewares add to the Lambda context for the handler.
import type { Context } from 'aws-lambda';
import type { Permission } from '../../auth/permissions.js';
import type { Principal } from '../../auth/principal.js';
import type { Admission } from '../../billing/admission.js';

export type ApiContext<TInput = unknown> = Context & {
  principal: Principal;
  /** What the caller's credential may do. */
  permissions: Permission[];
  input: TInput;
  /** The metering round, started before the handler so that it runs beside the handler's own reads. */
  admission: Promise<Admission>;
  /** Headers every response carries, error or not (rate-limit state). */
  responseHeaders?: Record<string, string>;
  /** The credits a route that charges in its own transaction charged for this request (none for a replay). */
  creditsCharged?: number;
};
