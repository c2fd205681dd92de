// Turns new activity items from the referrals table's stream into events on the bus: batched, retried, in order per attribution.
import * as v from 'valibot';
import { ACTIVITY_PREFIX, ActivitySchema } from '../referrals/activity.js';
import { type DomainEvent, rejectionEvent } from '../referrals/rejection-event.js';
import type { DeadLetters, EventPublisher } from './ports.js';

/** A stream record as the forwarder needs it: its position, its keys, and the new image (unmarshalled). */
export type ActivityRecord = {
  sequenceNumber: string;
  eventName: string;
  keys: Record<string, string>;
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
/** Retries of the entries PutEvents reports as failed (throttled or internal), after the first attempt. */
export const ENTRY_RETRIES = 3;

type Pending = { record: ActivityRecord; attributionId: string; event: DomainEvent };

/**
 * Groups events for PutEvents: at most 10 a request, and never two of one attribution in the same request,
 * so that a failed entry cannot be overtaken by a later event of the same attribution.
 */
export const chunkEvents = (pending: Pending[]): Pending[][] => {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  for (const item of pending) {
    if (current.length === MAX_ENTRIES_PER_REQUEST || current.some((other) => other.attributionId === item.attributionId)) {
      chunks.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length) chunks.push(current);
  return chunks;
};

const isActivityInsert = (record: ActivityRecord): boolean =>
  record.eventName === 'INSERT' && (record.keys.sk ?? '').startsWith(ACTIVITY_PREFIX);

/**
 * Publishes a chunk, retrying the entries that failed; returns the records still failed after the retries.
 * A request that fails outright (after the SDK's own retries) counts as every entry failed.
 */
const publishWithRetries = async (deps: ForwardDeps, chunk: Pending[]): Promise<Pending[]> => {
  let remaining = chunk;
  for (let attempt = 0; ; attempt++) {
    let outcomes: { published: boolean; code?: string }[];
    try {
      outcomes = await deps.publisher.publish(remaining.map((item) => item.event));
    } catch (error) {
      outcomes = remaining.map(() => ({ published: false, code: (error as Error).name }));
    }
    const failed = remaining.filter((_, index) => !outcomes[index]?.published);
    if (failed.length === 0) return [];
    if (attempt >= ENTRY_RETRIES) return failed;
    deps.log.warn('retrying events PutEvents did not take', {
      count: failed.length,
      codes: [...new Set(outcomes.map((outcome) => outcome.code).filter(Boolean))],
    });
    remaining = failed;
    await deps.sleep(100 * 2 ** attempt);
  }
};

/**
 * Stream records of one batch, in order. Records that are not new activity items are ignored; a malformed
 * activity item goes to the dead-letter queue. When events still fail after the retries, the earliest failed
 * record is reported, so that Lambda retries the batch from it (at least once; consumers deduplicate on event_id).
 */
export const forwardActivity = async (deps: ForwardDeps, records: ActivityRecord[]): Promise<ForwardResult> => {
  const result: ForwardResult = { published: 0, ignored: 0, deadLettered: 0, failedFrom: undefined };
  let pending: Pending[] = [];
  /** Publishes what is pending, in order; false (with failedFrom set) when something still failed. */
  const flush = async (): Promise<boolean> => {
    for (const chunk of chunkEvents(pending)) {
      const failed = await publishWithRetries(deps, chunk);
      result.published += chunk.length - failed.length;
      if (failed.length > 0) {
        result.failedFrom = failed[0]?.record.sequenceNumber;
        return false;
      }
    }
    pending = [];
    return true;
  };
  for (const record of records) {
    if (!isActivityInsert(record)) {
      result.ignored += 1;
      continue;
    }
    const { pk, sk: _sk, ...fields } = record.image ?? {};
    const activity = v.safeParse(ActivitySchema, fields);
    if (activity.success && typeof pk === 'string') {
      pending.push({ record, attributionId: pk, event: rejectionEvent(pk, activity.output) });
      continue;
    }
    // Everything before it goes out first, so that a retry from this record loses nothing.
    if (!(await flush())) return result;
    deps.log.warn('malformed activity item sent to the dead-letter queue', {
      table_keys: record.keys,
      sequence_number: record.sequenceNumber,
    });
    try {
      await deps.deadLetters.send({ reason: 'malformed activity item', table_keys: record.keys, sequence_number: record.sequenceNumber });
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
