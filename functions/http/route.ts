// What a route module declares, in one place: its method and path, its price, the event schema and the input it hands
// its use case, its Lambda function (entry and table grants), and, as a second export, its public contract. The stack,
// npm start's emulation and the OpenAPI build read the route index; a handler imports its own route module's route
// only, and the bundler leaves the contract and the schemas only it reads out (package.json: sideEffects false).
import type * as v from 'valibot';
import type { Permission } from '../auth/permissions.js';
import type { chargeAfterSuccess } from '../billing/charge.js';
import type { Price } from '../billing/usage-record.js';
import { SUCCESS_STATUS } from './envelope.js';
import type { ErrorType } from './error-types.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** The tables a function may be granted actions on, by the names the stack gives them. */
export type TableName = 'referrals' | 'usage' | 'apiKeys';

/** The Lambda function behind a route: its construct id, its handler file, and the table actions it may use. */
export type RouteFunction = {
  id: string;
  /** The handler module, from the repository's root. */
  entry: string;
  /** Actions on each table itself. */
  grants: Partial<Record<TableName, string[]>>;
  /** Actions on a table's named indexes, granted on those indexes alone. */
  indexGrants?: Partial<Record<TableName, Record<string, string[]>>>;
};

/** What the OpenAPI document says of a route, beside the schemas its function validates with. */
export type RouteContract = {
  operationId: string;
  summary: string;
  description: string;
  pathParameters?: Record<string, v.GenericSchema>;
  queryParameters?: Record<string, v.GenericSchema>;
  headers?: Record<string, v.GenericSchema>;
  body?: { component: string; schema: v.GenericSchema; required: boolean; example: unknown };
  success: {
    status: number;
    component: string;
    schema: v.GenericSchema;
    description: string;
    example: unknown;
    /** Whether it honours Idempotency-Key (and may answer with Idempotent-Replayed). */
    idempotent: boolean;
  };
  /** The error types the route's function can answer with; API Gateway's own are added for every route. */
  errors: readonly ErrorType[];
};

export type Route<S extends v.GenericSchema = v.GenericSchema, I = unknown> = {
  /** The route's name: the operation id, the emulation's key and the function's. */
  name: string;
  method: HttpMethod;
  /** The resource template, from the API's base path, e.g. `…/referrals/{id}/reject`. */
  path: string;
  /** What a credential must be allowed to do to call it; checked before anything else is read or written. */
  permission: Permission;
  /** Credits charged for each success (2xx), or for each item a bulk route changes; nothing else is charged. */
  credits: number;
  /**
   * Who charges a success: `use_case`, the route's use case, inside its own transaction (it reports the credits it
   * charged). Otherwise the route changes nothing itself, and the metering step charges a 2xx after it, in its own
   * transaction, with billing's `chargeAfterSuccess`: named here, so that only the functions of such routes bundle it.
   */
  chargedBy: 'use_case' | typeof chargeAfterSuccess;
  /** The status a success answers with, when not 200 (201 for a route that creates). */
  successStatus?: 201;
  /** The metric a success is counted under. */
  successMetric: string;
  /** The route takes a JSON body of at most this many bytes; without it, the route reads no body. */
  bodyMaxBytes?: number;
  /** The event as the function accepts it: path parameters, query, headers and body, validated at once. */
  request: S;
  toInput: (parsed: v.InferOutput<S>) => I;
};

/** How a route is named in usage records, logs and the documentation, e.g. `POST …/referrals/{id}/reject`. */
export const endpointOf = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** A path of the route, its parameters filled in (percent-encoded), e.g. for a request a tool or a test sends. */
export const pathTo = (route: Pick<Route, 'path'>, parameters: Record<string, string> = {}): string =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameters[name] ?? ''));

/** What a success of this route costs, as its use case charges it. */
export const priceOf = (route: Pick<Route, 'method' | 'path' | 'credits' | 'successStatus'>): Price => ({
  endpoint: endpointOf(route),
  credits: route.credits,
  statusCode: route.successStatus ?? SUCCESS_STATUS,
});
