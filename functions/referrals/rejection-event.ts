// The `referral.rejected` event the rest of the system hears of, made from an activity item alone.
import type { Activity } from './activity.js';
import type { Attribution } from './attribution.js';

export const EVENT_SOURCE = 'crawlora.referrals';
export const REJECTED_DETAIL_TYPE = 'referral.rejected';

export type RejectionEventDetail = {
  /** Stable across redeliveries: consumers deduplicate on it. */
  event_id: string;
  attribution_id: string;
  previous_status: Activity['previous_status'];
  status: 'rejected';
  reason: string | null;
  reviewed_by: string;
  reviewed_at: string;
  auth_method: Activity['auth_method'];
  request_id: string;
  attribution: Attribution;
};

export type DomainEvent = { source: string; detailType: string; detail: RejectionEventDetail };

export const eventIdOf = (attributionId: string, requestId: string): string => `${attributionId}:${requestId}`;

/** No secret goes out: the event names the caller by user id and auth method, never a key, a hash or a token. */
export const rejectionEvent = (attributionId: string, activity: Activity): DomainEvent => ({
  source: EVENT_SOURCE,
  detailType: REJECTED_DETAIL_TYPE,
  detail: {
    event_id: eventIdOf(attributionId, activity.request_id),
    attribution_id: attributionId,
    previous_status: activity.previous_status,
    status: 'rejected',
    reason: activity.reason ?? null,
    reviewed_by: activity.actor,
    reviewed_at: activity.at,
    auth_method: activity.auth_method,
    request_id: activity.request_id,
    attribution: activity.attribution,
  },
});
