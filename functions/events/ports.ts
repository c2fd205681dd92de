// What forwarding events needs from the outside: a bus to publish on and a dead-letter queue, in the domain's words.
import type { DomainEvent } from '../referrals/review-event.js';

/** One entry's outcome: published, or failed with a code that says whether a retry may help. */
export type PublishOutcome = { published: true } | { published: false; code: string };

export type EventPublisher = {
  /** Publishes up to 10 events in one request; one outcome per event, in order. Throws when the request itself fails. */
  publish(events: DomainEvent[]): Promise<PublishOutcome[]>;
};

/**
 * Where a record that can never become an event goes. A malformed activity item is named by its keys, never its
 * contents; an event EventBridge refused for good carries the event itself (it holds no secret), so it can be sent again,
 * when the letter can hold it.
 */
export type DeadLetter = {
  reason: string;
  table_keys: Record<string, string>;
  sequence_number: string;
  /** The entry's error code, for an event EventBridge refused. */
  code?: string;
  event?: DomainEvent;
  /** The refused event's size as EventBridge counts it, in place of the event when the event would not fit the queue. */
  event_bytes?: number;
};

export type DeadLetters = {
  send(letter: DeadLetter): Promise<void>;
};
