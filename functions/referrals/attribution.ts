// The attribution and reward records as the spec names them; the one source of their field names, statuses and examples.
import * as v from 'valibot';
import { ClaimSchema } from './claims.js';

export const AttributionStatusSchema = v.picklist([
  'attributed',
  'qualified',
  'review_required',
  'rewarded',
  'expired',
  'capped',
  'failed',
  'rejected',
]);
export type AttributionStatus = v.InferOutput<typeof AttributionStatusSchema>;

/**
 * The statuses a reviewer lists: the queue itself and what was rejected from it. The other six are the referral
 * pipeline's own (every click starts `attributed`), written at its rate, and stay out of the queue index.
 */
export const QUEUE_STATUSES = ['review_required', 'rejected'] as const satisfies readonly AttributionStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const AttributionIdSchema = v.pipe(
  v.string('id must be a string'),
  v.regex(/^[A-Za-z0-9_-]{1,128}$/, 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -'),
  // The pattern holds the bounds; they are repeated for the documentation.
  v.metadata({ description: 'Referral attribution id', examples: ['attr-1'], minLength: 1, maxLength: 128 }),
);

/** An optional text field, with the spec's example where it gives one. */
const text = (example?: string, description?: string) =>
  v.optional(
    v.pipe(v.string(), v.metadata({ ...(example === undefined ? {} : { examples: [example] }), ...(description ? { description } : {}) })),
  );

const timestamp = (description: string) => text(undefined, `${description} (ISO 8601)`);

export const AttributionSchema = v.strictObject({
  id: AttributionIdSchema,
  status: v.pipe(AttributionStatusSchema, v.metadata({ examples: ['rewarded'] })),
  click_id: text('refclk_abc123'),
  code: text('A1B2C3D4E5F6', 'The referral code that attributed the sign-up'),
  created_at: timestamp('When the attribution was made'),
  error: text('temporary billing write failure', 'The last processing error, if any'),
  expires_at: timestamp('When the attribution expires unless it qualifies'),
  first_paid_invoice_id: text('in_123'),
  held_at: timestamp('When the referral last entered review_required, to the second; kept after it leaves review'),
  landing_path: text('/pricing'),
  qualified_at: timestamp('When the referred account qualified'),
  referred_user_id: text('user-referred'),
  referrer_user_id: text('user-referrer'),
  review_reason: text(
    'same_stripe_customer',
    'Why the referral was held for review, as the fraud checks recorded it; unchanged by a reject',
  ),
  reviewed_at: timestamp('When an admin reviewed it'),
  reviewed_by: text('admin-user', 'The admin user id (or console subject) who reviewed it'),
  rewarded_at: timestamp('When the rewards were granted'),
  risk_flags: v.optional(v.pipe(v.array(v.string()), v.metadata({ examples: [['same_stripe_customer']] }))),
  skip_reason: text('capped'),
  stripe_event_id: text('evt_123'),
  stripe_invoice_id: text('in_123'),
  utm_campaign: text('spring-launch'),
  utm_medium: text(),
  utm_source: text('newsletter'),
  /** Not a field of the spec's record: the reviewer holding the referral, shown on every listed and read referral. */
  claim: v.optional(v.nullable(ClaimSchema)),
});
export type Attribution = v.InferOutput<typeof AttributionSchema>;

// A pure call: a bundle that never reads rewards (the bulk decisions') leaves the schema out.
export const RewardSchema = /* @__PURE__ */ (() =>
  v.strictObject({
    id: v.pipe(v.string(), v.nonEmpty(), v.metadata({ examples: ['reward-1'] })),
    attribution_id: AttributionIdSchema,
    created_at: timestamp('When the reward was created'),
    credits: v.optional(v.pipe(v.number(), v.integer(), v.metadata({ examples: [10_000] }))),
    credits_grant_error: text('temporary billing write failure'),
    credits_grant_key: text('reward-1'),
    credits_granted_at: timestamp('When the credits were granted'),
    role: v.optional(v.pipe(v.picklist(['referrer', 'referred']), v.metadata({ examples: ['referrer'] }))),
    stripe_invoice_id: text('in_123'),
    user_id: text('user-referrer'),
  }))();
export type Reward = v.InferOutput<typeof RewardSchema>;

/** A referral as the review endpoints return it: the attribution and its rewards (its schema: review-response.ts). */
export type ReviewResponse = { attribution: Attribution; rewards: Reward[] };

/** Puts a stored record's fields in the spec's order (id and status first), any others after. */
export const inSchemaOrder = <T extends Record<string, unknown>>(record: T, schema: { entries: Record<string, unknown> }): T => {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(schema.entries)) if (key in record) ordered[key] = record[key];
  for (const [key, value] of Object.entries(record)) if (!(key in ordered)) ordered[key] = value;
  return ordered as T;
};
