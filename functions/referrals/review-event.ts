// The events the rest of the system hears of: `referral.rejected`, `referral.approved` and `referral.reopened`, each
// made from an activity item alone, and `referral.review_opened`, made from a hold alone.
import { type Activity, isDecisionAction } from './activity.js';
import type { Attribution } from './attribution.js';
import { type Decision, decisionOf, REVIEWABLE_STATUS } from './decision.js';
import type { Hold } from './hold.js';

export const EVENT_SOURCE = 'crawlora.referrals';

export type ReviewEventDetail = {
  /** Stable across redeliveries: consumers deduplicate on it. */
  event_id: string;
  attribution_id: string;
  previous_status: Activity['previous_status'];
  /** The status the change left: `rejected`, `qualified` for an approval, `review_required` for a reopen. */
  status: Decision['status'] | typeof REVIEWABLE_STATUS;
  reason: string | null;
  /** The decision's reason code, null when none was given: an open string, since the lists may grow. */
  reason_code: string | null;
  reviewed_by: string;
  reviewed_at: string;
  auth_method: Activity['auth_method'];
  request_id: string;
  attribution: Attribution;
  /** For a reopen: the request id of the decision it undoes. */
  undoes?: string;
};

/** A reopen announces itself under this name. */
export const REOPENED_EVENT = 'referral.reopened' as const;

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
  | { source: string; detailType: Decision['event'] | typeof REOPENED_EVENT; detail: ReviewEventDetail }
  | { source: string; detailType: typeof REVIEW_OPENED; detail: ReviewOpenedDetail };

/** An event's id: the attribution, and what happened to it once (a decision's request id, a hold's time). */
export const eventIdOf = (attributionId: string, occurrence: string): string => `${attributionId}:${occurrence}`;

/**
 * No secret goes out: the event names the caller by user id and auth method, never a key, a hash or a token. An
 * activity item that records no decision (a forced release of a claim) announces nothing.
 */
export const reviewEvent = (attributionId: string, activity: Activity): DomainEvent | undefined => {
  const change =
    activity.action === 'reopen'
      ? ({ event: REOPENED_EVENT, status: REVIEWABLE_STATUS } as const)
      : isDecisionAction(activity.action)
        ? decisionOf(activity.action)
        : undefined;
  if (!change) return undefined;
  return {
    source: EVENT_SOURCE,
    detailType: change.event,
    detail: {
      event_id: eventIdOf(attributionId, activity.request_id),
      attribution_id: attributionId,
      previous_status: activity.previous_status,
      status: change.status,
      reason: activity.reason ?? null,
      reason_code: activity.reason_code ?? null,
      reviewed_by: activity.actor,
      reviewed_at: activity.at,
      auth_method: activity.auth_method,
      request_id: activity.request_id,
      attribution: activity.attribution,
      ...(activity.undoes === undefined ? {} : { undoes: activity.undoes }),
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
