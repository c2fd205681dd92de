// Claims: a reviewer's lease on a held referral, so that two people never work the same one. Its bounds, its shape,
// whether one is live, and the refusal when someone else holds it. Expiry is judged by the server's clock inside
// each write's condition; a read only shows it.
import * as v from 'valibot';
import { DomainError } from '../shared/domain-error.js';

/** A lease's bounds and default, in seconds. */
export const LEASE_SECONDS = { min: 60, max: 3600, default: 900 } as const;

/** At most this many referrals a claim-next call hands out. */
export const MAX_CLAIM_NEXT = 25;

export const ClaimSchema = v.pipe(
  v.object({
    by: v.pipe(v.string(), v.metadata({ description: 'Who holds it: the user id a decision records as reviewed_by' })),
    until: v.pipe(v.string(), v.isoTimestamp(), v.metadata({ description: 'When the lease ends (ISO 8601), by the server clock' })),
  }),
  v.metadata({ description: 'The reviewer holding the referral and until when; null when nobody does' }),
);
export type Claim = v.InferOutput<typeof ClaimSchema>;

/** A claim as stored: who holds it, and the end of its lease in epoch milliseconds. */
export type StoredClaim = { by: string; untilMs: number };

/** Which claims a list keeps: the caller's, other reviewers', or none (nobody's, or an expired one). */
export type ClaimFilter = 'mine' | 'others' | 'none';

/** When a lease taken now ends. */
export const leaseEnd = (now: Date, leaseSeconds: number): number => now.getTime() + leaseSeconds * 1000;

/** A stored claim in the API's words. */
export const shownClaim = (stored: StoredClaim): Claim => ({ by: stored.by, until: new Date(stored.untilMs).toISOString() });

/** The claim as the API shows it: null when there is none or its lease has ended. */
export const liveClaim = (stored: StoredClaim | undefined, now: Date): Claim | null =>
  stored && stored.untilMs > now.getTime() ? shownClaim(stored) : null;

/** Someone else holds an unexpired claim on the referral. */
export class ReferralClaimed extends DomainError {
  override name = 'ReferralClaimed';
  readonly code = 'REFERRAL.CLAIMED';
  constructor(attributionId: string, claim: Claim) {
    super(`Referral is claimed by ${claim.by} until ${claim.until}`, {
      id: attributionId,
      claimed_by: claim.by,
      claimed_until: claim.until,
    });
  }
}
