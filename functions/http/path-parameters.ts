// Path parameters as a REST API hands them to the function: as the client sent them, still percent-encoded; and the
// attribution id as a path carries it.
import * as v from 'valibot';
import { AttributionIdSchema } from '../referrals/attribution.js';

/**
 * Decodes a path parameter once, strictly: a malformed escape (`%ZZ`, a lone `%`, invalid UTF-8) is an issue, never
 * passed on as sent. A REST API does not decode path parameters, unlike an HTTP API (http-api-develop-routes.html);
 * see local/route-matching.ts for what that rests on.
 */
export const percentDecoded = (name: string) =>
  v.pipe(
    v.string(`path parameter ${name} must be a string`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      try {
        return decodeURIComponent(dataset.value);
      } catch {
        addIssue({ message: `path parameter ${name} is not valid percent-encoding` });
        return NEVER;
      }
    }),
  );

/** The attribution id as a path carries it: percent-decoded once, then held to the id's rules. */
export const AttributionPathIdSchema = v.pipe(percentDecoded('id'), AttributionIdSchema);
