// What a route states publicly, beside its handler: parameters, body, success and the errors its function can answer.
import type * as v from 'valibot';
import type { ErrorType } from './error-types.js';
import type { Route } from './routes.js';

export type RouteContract = {
  route: Route;
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
  errors: ErrorType[];
};
