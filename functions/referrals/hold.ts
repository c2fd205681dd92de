// A referral's stay in review: when it entered review_required (held_at), what it carried then, and how long it has
// waited since. A hold is recorded once, as it begins, and is what `referral.review_opened` announces.
import * as v from 'valibot';
import type { Attribution } from './attribution.js';
import { REVIEWABLE_STATUS } from './decision.js';

// A pure call: a bundle that records holds without reading them back leaves the schema out.
export const HoldSchema = /* @__PURE__ */ (() =>
  v.object({
    held_at: v.pipe(v.string(), v.isoTimestamp()),
    referrer_user_id: v.optional(v.string()),
    risk_flags: v.optional(v.array(v.string())),
  }))();
export type Hold = v.InferOutput<typeof HoldSchema>;

/** The hold of a referral entering review at `heldAt`, with the fields it carries as it enters. */
export const holdOf = (attribution: Pick<Attribution, 'referrer_user_id' | 'risk_flags'>, heldAt: string): Hold => ({
  held_at: heldAt,
  ...(typeof attribution.referrer_user_id === 'string' ? { referrer_user_id: attribution.referrer_user_id } : {}),
  ...(Array.isArray(attribution.risk_flags) ? { risk_flags: attribution.risk_flags } : {}),
});

/** Whole seconds from `heldAt` to `now`; never below 0, should a clock run behind the stream's. */
export const heldAgeSeconds = (heldAt: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(heldAt)) / 1000));

/** An attribution as the list and the read answer it: with `age_seconds` while it waits in review. */
export type HeldAttribution = Attribution & { age_seconds?: number };

/**
 * The attribution with its age in review at `now`: only while it is in review_required and its held_at is known
 * (a referral held before held_at existed has none until the migration gives it one). A referral that left review
 * keeps held_at, when it last entered, and has no age.
 */
export const withHeldAge = (attribution: Attribution, now: Date): HeldAttribution =>
  attribution.status === REVIEWABLE_STATUS && attribution.held_at !== undefined
    ? { ...attribution, age_seconds: heldAgeSeconds(attribution.held_at, now) }
    : attribution;
