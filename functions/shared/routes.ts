// The API's routes, by method and resource template, with what a success costs: the one home of every route string.

/** Credits charged for one successful request: the one price of every route. */
export const CREDITS_PER_REQUEST = 1;

export type Route = {
  readonly method: 'GET' | 'POST';
  readonly resource: string;
  /** Credits charged for each success (2xx); nothing else is charged. */
  readonly credits: number;
};

export const routes = {
  rejectReferral: { method: 'POST', resource: '/api/v1/admin/referrals/{id}/reject', credits: CREDITS_PER_REQUEST },
  listReferrals: { method: 'GET', resource: '/api/v1/admin/referrals', credits: CREDITS_PER_REQUEST },
  getReferral: { method: 'GET', resource: '/api/v1/admin/referrals/{id}', credits: CREDITS_PER_REQUEST },
  /** Charged per rejected referral, not per request. */
  bulkRejectReferrals: { method: 'POST', resource: '/api/v1/admin/referrals/reject', credits: CREDITS_PER_REQUEST },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;

/** How a route is named in usage records, logs and the documentation, e.g. `POST /api/v1/admin/referrals/{id}/reject`. */
export const endpointOf = (route: Route): string => `${route.method} ${route.resource}`;
