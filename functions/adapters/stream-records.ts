// DynamoDB stream records in the terms of their readers, the forwarder and the queue indexer: the new image unmarshalled.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { ActivityRecord } from '../events/forward-activity.js';
import type { AttributionChange } from './queue-placement.js';
import { ACTIVITY_PREFIX, HOLD_PREFIX } from './referrals-table.js';

type AttributeMap = Parameters<typeof unmarshall>[0];

export const toActivityRecord = (record: DynamoDBStreamEvent['Records'][number]): ActivityRecord => {
  const keys = record.dynamodb?.Keys ? unmarshall(record.dynamodb.Keys as AttributeMap) : {};
  return {
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    eventName: record.eventName ?? '',
    keys: Object.fromEntries(Object.entries(keys).map(([name, value]) => [name, String(value)])),
    activity: String(keys.sk ?? '').startsWith(ACTIVITY_PREFIX),
    hold: String(keys.sk ?? '').startsWith(HOLD_PREFIX),
    image: record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as AttributeMap) : undefined,
  };
};

/**
 * When a stream record was written, as an ISO time: its ApproximateCreationDateTime, in Unix seconds in Lambda's event
 * ("rounded down to the closest second" in the Streams API). Undefined when the record carries none.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html
 */
export const recordTime = (record: DynamoDBStreamEvent['Records'][number]): string | undefined => {
  const seconds = Number(record.dynamodb?.ApproximateCreationDateTime);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
};

/** A stream record as the queue indexer reads it: its sequence number, the new image, unmarshalled, and its time. */
export const toAttributionChange = (record: DynamoDBStreamEvent['Records'][number]): AttributionChange => {
  const at = recordTime(record);
  return {
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    image: record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as AttributeMap) : undefined,
    ...(at ? { at } : {}),
  };
};
