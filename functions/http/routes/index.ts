// Every route of the API: the one list the stack, npm start's emulation and the OpenAPI build iterate. A function
// imports its own route module, never this index, so that no bundle holds another route's schemas.
import type { RouteContract, RouteFunction } from '../route.js';
import { bulkRejectContract, bulkRejectFunction, bulkRejectRoute } from './bulk-reject.js';
import { getReferralContract, getReferralFunction, getReferralRoute } from './get-referral.js';
import { listReferralsContract, listReferralsFunction, listReferralsRoute } from './list-referrals.js';
import { rejectReferralContract, rejectReferralFunction, rejectReferralRoute } from './reject-referral.js';

/** In the order the OpenAPI document lists them. */
export const apiRoutes = [listReferralsRoute, getReferralRoute, rejectReferralRoute, bulkRejectRoute] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type RouteName = ApiRoute['name'];

/** Each route's public contract, by the route's name. */
export const routeContracts: Record<RouteName, RouteContract> = {
  listReferrals: listReferralsContract,
  getReferral: getReferralContract,
  rejectReferral: rejectReferralContract,
  bulkRejectReferrals: bulkRejectContract,
};

/** Each route's Lambda function, by the route's name. */
export const routeFunctions: Record<RouteName, RouteFunction> = {
  listReferrals: listReferralsFunction,
  getReferral: getReferralFunction,
  rejectReferral: rejectReferralFunction,
  bulkRejectReferrals: bulkRejectFunction,
};
