// The events the rest of the system hears of: `referral.rejected` and `referral.approved`, each made from an activity
// item alone, and `referral.review_opened`, made from a hold alone.
import type { Activity } from './activity.js';
import type { Attribution } from './attribution.js';
import { type Decision, decisionOf } from './decision.js';
import type { Hold } from './hold.js';

export const EVENT_SOURCE = 'crawlora.referrals';

export type ReviewEventDetail = {
  /** Stable across redeliveries: consumers deduplicate on it. */
  event_id: string;
  attribution_id: string;
  previous_status: Activity['previous_status'];
  /** The status the decision left: `rejected`, or `qualified` for an approval. */
  status: Decision['status'];
  reason: string | null;
  reviewed_by: string;
  reviewed_at: string;
  auth_method: Activity['auth_method'];
  request_id: string;
  attribution: Attribution;
};

export type ReviewOpenedDetail = {
  /** `<attribution id>:<held_at>`: one per stay in review, the same however often the hold is delivered or replayed. */
  event_id: string;
  attribution_id: string;
  referrer_user_id: string | null;
  risk_flags: string[];
  /** When the referral entered review_required. */
  held_at: string;
};

export const REVIEW_OPENED = 'referral.review_opened';

export type DomainEvent =
  | { source: string; detailType: Decision['event']; detail: ReviewEventDetail }
  | { source: string; detailType: typeof REVIEW_OPENED; detail: ReviewOpenedDetail };

/** An event's id: the attribution, and what happened to it once (a decision's request id, a hold's time). */
export const eventIdOf = (attributionId: string, occurrence: string): string => `${attributionId}:${occurrence}`;

/** No secret goes out: the event names the caller by user id and auth method, never a key, a hash or a token. */
export const reviewEvent = (attributionId: string, activity: Activity): DomainEvent => {
  const decision = decisionOf(activity.action);
  return {
    source: EVENT_SOURCE,
    detailType: decision.event,
    detail: {
      event_id: eventIdOf(attributionId, activity.request_id),
      attribution_id: attributionId,
      previous_status: activity.previous_status,
      status: decision.status,
      reason: activity.reason ?? null,
      reviewed_by: activity.actor,
      reviewed_at: activity.at,
      auth_method: activity.auth_method,
      request_id: activity.request_id,
      attribution: activity.attribution,
    },
  };
};

/** A referral entered review: who referred it and what the fraud checks found, as they stood when it was held. */
export const reviewOpenedEvent = (attributionId: string, hold: Hold): DomainEvent => ({
  source: EVENT_SOURCE,
  detailType: REVIEW_OPENED,
  detail: {
    event_id: eventIdOf(attributionId, hold.held_at),
    attribution_id: attributionId,
    referrer_user_id: hold.referrer_user_id ?? null,
    risk_flags: hold.risk_flags ?? [],
    held_at: hold.held_at,
  },
});
