// The attribution and reward records as the spec names them; the one source of their field names and statuses.
import * as v from 'valibot';

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

export const AttributionIdSchema = v.pipe(
  v.string('id must be a string'),
  v.regex(/^[A-Za-z0-9_-]{1,128}$/, 'id must be 1-128 characters of A-Z, a-z, 0-9, _ or -'),
);

const optionalText = v.optional(v.string());

export const AttributionSchema = v.strictObject({
  id: AttributionIdSchema,
  status: AttributionStatusSchema,
  click_id: optionalText,
  code: optionalText,
  created_at: optionalText,
  error: optionalText,
  expires_at: optionalText,
  first_paid_invoice_id: optionalText,
  landing_path: optionalText,
  qualified_at: optionalText,
  referred_user_id: optionalText,
  referrer_user_id: optionalText,
  review_reason: optionalText,
  reviewed_at: optionalText,
  reviewed_by: optionalText,
  rewarded_at: optionalText,
  risk_flags: v.optional(v.array(v.string())),
  skip_reason: optionalText,
  stripe_event_id: optionalText,
  stripe_invoice_id: optionalText,
  utm_campaign: optionalText,
  utm_medium: optionalText,
  utm_source: optionalText,
});
export type Attribution = v.InferOutput<typeof AttributionSchema>;

export const RewardSchema = v.strictObject({
  id: v.pipe(v.string(), v.nonEmpty()),
  attribution_id: AttributionIdSchema,
  created_at: optionalText,
  credits: v.optional(v.pipe(v.number(), v.integer())),
  credits_grant_error: optionalText,
  credits_grant_key: optionalText,
  credits_granted_at: optionalText,
  role: v.optional(v.picklist(['referrer', 'referred'])),
  stripe_invoice_id: optionalText,
  user_id: optionalText,
});
export type Reward = v.InferOutput<typeof RewardSchema>;

/** Puts a stored record's fields in the spec's order (id and status first), any others after. */
export const inSchemaOrder = <T extends Record<string, unknown>>(record: T, schema: { entries: Record<string, unknown> }): T => {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(schema.entries)) if (key in record) ordered[key] = record[key];
  for (const [key, value] of Object.entries(record)) if (!(key in ordered)) ordered[key] = value;
  return ordered as T;
};
