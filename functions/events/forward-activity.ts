// Turns new activity and hold items from the referrals table's stream into events on the bus: a decision's
// `referral.rejected` or `referral.approved`, a hold's `referral.review_opened`; batched, retried, in order per attribution.
import * as v from 'valibot';
import { ActivitySchema } from '../referrals/activity.js';
import { HoldSchema } from '../referrals/hold.js';
import { type DomainEvent, reviewEvent, reviewOpenedEvent } from '../referrals/review-event.js';
import type { DeadLetter, DeadLetters, EventPublisher } from './ports.js';

/**
 * A stream record as the forwarder needs it: its position, its keys, whether it is an activity item or a hold item,
 * and the new image (unmarshalled).
 */
export type ActivityRecord = {
  sequenceNumber: string;
  eventName: string;
  keys: Record<string, string>;
  /** Whether its keys are an activity item's (the table's layout says, not the forwarder). */
  activity: boolean;
  /** Whether its keys are a hold item's. */
  hold?: boolean;
  image: Record<string, unknown> | undefined;
};

export type ForwardDeps = {
  publisher: EventPublisher;
  deadLetters: DeadLetters;
  log: {
    info(message: string, attributes: Record<string, unknown>): void;
    warn(message: string, attributes: Record<string, unknown>): void;
  };
  /** Waits between retries of failed entries. */
  sleep: (ms: number) => Promise<void>;
};

export type ForwardResult = { published: number; ignored: number; deadLettered: number; failedFrom: string | undefined };

/** PutEvents takes at most 10 entries a request. */
export const MAX_ENTRIES_PER_REQUEST = 10;
/**
 * And entries totalling "less than 1MB" (256 KB until January 2026). AWS's announcement and the PutEvents reference the
 * AWS SDK ships say so without a byte count, so the lower reading is taken: under 1,000,000 bytes, not 1 MiB. The user
 * guide's page on entry size still read 256 KB where it could be read (the China regions' copy among them); an entry
 * over a region's real limit would fail its request whole, be retried, and reach the dead-letter queue through Lambda.
 * https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb/
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
export const MAX_REQUEST_BYTES = 999_999;
/**
 * The largest message the dead-letter queues take: SQS's maximum, 1 MiB, which the stack sets on them explicitly
 * (lib/constructs/stream-reading.ts) rather than rely on what a queue created before the raise keeps as its default.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
export const MAX_DEAD_LETTER_BYTES = 1024 * 1024;

/**
 * An entry's size as EventBridge counts it: the UTF-8 bytes of Source, DetailType and Detail (no Time or Resources
 * are sent): https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
 */
export const entrySize = (event: DomainEvent): number =>
  Buffer.byteLength(event.source) + Buffer.byteLength(event.detailType) + Buffer.byteLength(JSON.stringify(event.detail));

/**
 * The entry errors a retry may get past; every other code (MalformedDetail, a missing bus, a denied access...) fails
 * the same way again: https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
 */
export const RETRYABLE_ENTRY_CODES: ReadonlySet<string> = new Set(['InternalFailure', 'ThrottlingException']);
/** Retries of the entries PutEvents reports as failed (throttled or internal), after the first attempt. */
export const ENTRY_RETRIES = 3;

type Pending = { record: ActivityRecord; attributionId: string; event: DomainEvent };

/**
 * Groups events for PutEvents: at most 10 and MAX_REQUEST_BYTES a request, and never two of one attribution in the same
 * request, so that a failed entry cannot be overtaken by a later event of the same attribution.
 */
export const chunkEvents = (pending: Pending[]): Pending[][] => {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const item of pending) {
    const size = entrySize(item.event);
    if (
      current.length === MAX_ENTRIES_PER_REQUEST ||
      (current.length > 0 && bytes + size > MAX_REQUEST_BYTES) ||
      current.some((other) => other.attributionId === item.attributionId)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

/**
 * The event an inserted activity or hold item makes, 'malformed' for one that cannot make it, undefined for any other
 * record: each item is written once, so its insert is the one record that announces it.
 */
const eventOf = (record: ActivityRecord): { attributionId: string; event: DomainEvent } | 'malformed' | undefined => {
  if (record.eventName !== 'INSERT' || !(record.activity || record.hold)) return undefined;
  const { pk, sk: _sk, ...fields } = record.image ?? {};
  if (typeof pk !== 'string') return 'malformed';
  if (record.hold) {
    const hold = v.safeParse(HoldSchema, fields);
    return hold.success ? { attributionId: pk, event: reviewOpenedEvent(pk, hold.output) } : 'malformed';
  }
  const activity = v.safeParse(ActivitySchema, fields);
  if (!activity.success) return 'malformed';
  // An activity item that announces nothing (a forced release of a claim) is passed over.
  const event = reviewEvent(pk, activity.output);
  return event ? { attributionId: pk, event } : undefined;
};

type Refused = { item: Pending; code: string };

/**
 * The letter of an event refused for good. It carries the event when the letter fits the queue, and only the event's
 * size when it does not, so that the queue always takes it and the event never holds the shard.
 */
const refusedLetter = (item: Pending, code: string): DeadLetter => {
  const letter: DeadLetter = {
    reason: 'event refused by EventBridge',
    code,
    table_keys: item.record.keys,
    sequence_number: item.record.sequenceNumber,
  };
  const withEvent = { ...letter, event: item.event };
  return Buffer.byteLength(JSON.stringify(withEvent)) <= MAX_DEAD_LETTER_BYTES
    ? withEvent
    : { ...letter, event_bytes: entrySize(item.event) };
};

/** The code given to every entry of a request that failed as a whole: a retry may get past it. */
const RETRYABLE_REQUEST_FAILURE = 'RequestFailed';

/**
 * Publishes a chunk, retrying the entries that failed in a way a retry may get past. Returns those still failed
 * after the retries, and those refused for good, which are never retried. A request that fails outright (after the
 * SDK's own retries) counts as every entry failed, retryably.
 */
const publishWithRetries = async (deps: ForwardDeps, chunk: Pending[]): Promise<{ failed: Pending[]; refused: Refused[] }> => {
  const refused: Refused[] = chunk
    .filter((item) => entrySize(item.event) > MAX_REQUEST_BYTES)
    .map((item) => ({ item, code: 'EntryTooLarge' }));
  let remaining = chunk.filter((item) => entrySize(item.event) <= MAX_REQUEST_BYTES);
  for (let attempt = 0; remaining.length > 0; attempt++) {
    let outcomes: { published: boolean; code?: string }[];
    try {
      outcomes = await deps.publisher.publish(remaining.map((item) => item.event));
    } catch (error) {
      deps.log.warn('PutEvents failed as a whole', { error_name: (error as Error).name, count: remaining.length });
      outcomes = remaining.map(() => ({ published: false, code: RETRYABLE_REQUEST_FAILURE }));
    }
    const failed: Pending[] = [];
    remaining.forEach((item, index) => {
      const outcome = outcomes[index];
      if (outcome?.published) return;
      const code = outcome?.code ?? 'Unknown';
      if (code === RETRYABLE_REQUEST_FAILURE || RETRYABLE_ENTRY_CODES.has(code)) failed.push(item);
      else refused.push({ item, code });
    });
    if (failed.length === 0 || attempt >= ENTRY_RETRIES) return { failed, refused };
    deps.log.warn('retrying events PutEvents did not take', {
      count: failed.length,
      codes: [...new Set(outcomes.map((outcome) => outcome.code).filter(Boolean))],
    });
    remaining = failed;
    await deps.sleep(100 * 2 ** attempt);
  }
  return { failed: [], refused };
};

/**
 * Stream records of one batch, in order. Records that are not new activity or hold items are ignored; a malformed
 * one goes to the dead-letter queue. When events still fail after the retries, the earliest failed
 * record is reported, so that Lambda retries the batch from it (at least once; consumers deduplicate on event_id).
 */
export const forwardActivity = async (deps: ForwardDeps, records: ActivityRecord[]): Promise<ForwardResult> => {
  const result: ForwardResult = { published: 0, ignored: 0, deadLettered: 0, failedFrom: undefined };
  let pending: Pending[] = [];
  /** Publishes what is pending, in order; false (with failedFrom set) when something still failed. */
  const flush = async (): Promise<boolean> => {
    for (const chunk of chunkEvents(pending)) {
      const { failed, refused } = await publishWithRetries(deps, chunk);
      result.published += chunk.length - failed.length - refused.length;
      // Refused for good: set aside with the event itself, so that it never holds the shard.
      for (const { item, code } of refused) {
        deps.log.warn('event refused by EventBridge sent to the dead-letter queue', {
          code,
          table_keys: item.record.keys,
          sequence_number: item.record.sequenceNumber,
        });
        try {
          await deps.deadLetters.send(refusedLetter(item, code));
        } catch {
          result.failedFrom = item.record.sequenceNumber;
          return false;
        }
        result.deadLettered += 1;
      }
      if (failed.length > 0) {
        result.failedFrom = failed[0]?.record.sequenceNumber;
        return false;
      }
    }
    pending = [];
    return true;
  };
  for (const record of records) {
    const made = eventOf(record);
    if (made === undefined) {
      result.ignored += 1;
      continue;
    }
    if (made !== 'malformed') {
      pending.push({ record, ...made });
      continue;
    }
    // Everything before it goes out first, so that a retry from this record loses nothing.
    if (!(await flush())) return result;
    const reason = record.hold ? 'malformed hold item' : 'malformed activity item';
    deps.log.warn(`${reason} sent to the dead-letter queue`, {
      table_keys: record.keys,
      sequence_number: record.sequenceNumber,
    });
    try {
      await deps.deadLetters.send({ reason, table_keys: record.keys, sequence_number: record.sequenceNumber });
    } catch {
      // It could not be set aside: report it, so that the batch is retried from it.
      result.failedFrom = record.sequenceNumber;
      return result;
    }
    result.deadLettered += 1;
  }
  await flush();
  return result;
};
