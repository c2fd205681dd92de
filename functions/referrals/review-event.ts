// The `referral.rejected`, `referral.approved` and `referral.reopened` events the rest of the system hears of, made from
// an activity item alone.
import { type Activity, isDecisionAction } from './activity.js';
import type { Attribution } from './attribution.js';
import { type Decision, decisionOf, REVIEWABLE_STATUS } from './decision.js';

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

export type DomainEvent = { source: string; detailType: Decision['event'] | typeof REOPENED_EVENT; detail: ReviewEventDetail };

export const eventIdOf = (attributionId: string, requestId: string): string => `${attributionId}:${requestId}`;

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
