// Every route of the API: the one list the stack, npm start's emulation and the OpenAPI build iterate. A function
// imports its own route module, never this index, so that no bundle holds another route's schemas.
import type { RouteContract, RouteFunction } from '../route.js';
import { addNoteContract, addNoteFunction, addNoteRoute } from './add-note.js';
import { approveReferralContract, approveReferralFunction, approveReferralRoute } from './approve-referral.js';
import { bulkApproveContract, bulkApproveFunction, bulkApproveRoute } from './bulk-approve.js';
import { bulkRejectContract, bulkRejectFunction, bulkRejectRoute } from './bulk-reject.js';
import { claimNextContract, claimNextFunction, claimNextRoute } from './claim-next-referrals.js';
import { claimReferralContract, claimReferralFunction, claimReferralRoute } from './claim-referral.js';
import { getReferralContract, getReferralFunction, getReferralRoute } from './get-referral.js';
import { listReferralsContract, listReferralsFunction, listReferralsRoute } from './list-referrals.js';
import { rejectReferralContract, rejectReferralFunction, rejectReferralRoute } from './reject-referral.js';
import { releaseClaimContract, releaseClaimFunction, releaseClaimRoute } from './release-claim.js';
import { reopenReferralContract, reopenReferralFunction, reopenReferralRoute } from './reopen-referral.js';

/** In the order the OpenAPI document lists them. */
export const apiRoutes = [
  listReferralsRoute,
  getReferralRoute,
  rejectReferralRoute,
  approveReferralRoute,
  bulkRejectRoute,
  bulkApproveRoute,
  claimReferralRoute,
  releaseClaimRoute,
  claimNextRoute,
  addNoteRoute,
  reopenReferralRoute,
] as const;

export type ApiRoute = (typeof apiRoutes)[number];
export type RouteName = ApiRoute['name'];

/** Each route's public contract, by the route's name. */
export const routeContracts: Record<RouteName, RouteContract> = {
  listReferrals: listReferralsContract,
  getReferral: getReferralContract,
  rejectReferral: rejectReferralContract,
  approveReferral: approveReferralContract,
  bulkRejectReferrals: bulkRejectContract,
  bulkApproveReferrals: bulkApproveContract,
  claimReferral: claimReferralContract,
  releaseClaim: releaseClaimContract,
  claimNextReferrals: claimNextContract,
  addReferralNote: addNoteContract,
  reopenReferral: reopenReferralContract,
};

/** Each route's Lambda function, by the route's name. */
export const routeFunctions: Record<RouteName, RouteFunction> = {
  listReferrals: listReferralsFunction,
  getReferral: getReferralFunction,
  rejectReferral: rejectReferralFunction,
  approveReferral: approveReferralFunction,
  bulkRejectReferrals: bulkRejectFunction,
  bulkApproveReferrals: bulkApproveFunction,
  claimReferral: claimReferralFunction,
  releaseClaim: releaseClaimFunction,
  claimNextReferrals: claimNextFunction,
  addReferralNote: addNoteFunction,
  reopenReferral: reopenReferralFunction,
};
