// The shapes of `error.context` that clients rely on: validation issues, the limit that was hit, a conflicting status,
// the permission a credential lacks.
import * as v from 'valibot';
import { PermissionSchema } from '../auth/permissions.js';

export const ValidationContextSchema = v.object({
  issues: v.array(
    v.object({
      field: v.pipe(v.string(), v.metadata({ description: 'Dot path of the field, e.g. body.reason or pathParameters.id' })),
      message: v.string(),
    }),
  ),
});
export type ValidationContext = v.InferOutput<typeof ValidationContextSchema>;

export const LimitContextSchema = v.object({
  limit: v.picklist(['requests_per_minute', 'daily_credits', 'included_credits_per_month']),
  value: v.pipe(v.number(), v.integer()),
  resets_at: v.pipe(v.string(), v.isoTimestamp()),
  retry_after: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type LimitContext = v.InferOutput<typeof LimitContextSchema>;

export const ConflictContextSchema = v.object({
  id: v.string(),
  status: v.pipe(v.string(), v.metadata({ description: 'The status the referral has now' })),
});

export const PermissionContextSchema = v.object({
  required: v.pipe(PermissionSchema, v.metadata({ description: 'The permission the route requires and the credential lacks' })),
});

export const ClaimedContextSchema = v.object({
  id: v.string(),
  claimed_by: v.pipe(v.string(), v.metadata({ description: 'The reviewer holding the referral' })),
  claimed_until: v.pipe(v.string(), v.isoTimestamp(), v.metadata({ description: 'When their lease ends, by the server clock' })),
});

export const ReopenWindowContextSchema = v.object({
  id: v.string(),
  rejected_at: v.pipe(v.string(), v.metadata({ description: 'When the referral was rejected' })),
  window_closed_at: v.pipe(v.string(), v.metadata({ description: 'Until when it could have been reopened' })),
});
