// DynamoDB stream records in the terms of their readers, the forwarder and the queue indexer: the new image unmarshalled.
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { ActivityRecord } from '../events/forward-activity.js';
import type { AttributionChange } from './queue-placement.js';
import { ACTIVITY_PREFIX } from './referrals-table.js';

type AttributeMap = Parameters<typeof unmarshall>[0];

export const toActivityRecord = (record: DynamoDBStreamEvent['Records'][number]): ActivityRecord => {
  const keys = record.dynamodb?.Keys ? unmarshall(record.dynamodb.Keys as AttributeMap) : {};
  return {
    sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
    eventName: record.eventName ?? '',
    keys: Object.fromEntries(Object.entries(keys).map(([name, value]) => [name, String(value)])),
    activity: String(keys.sk ?? '').startsWith(ACTIVITY_PREFIX),
    image: record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as AttributeMap) : undefined,
  };
};

/** A stream record as the queue indexer reads it: its sequence number and the new image, unmarshalled. */
export const toAttributionChange = (record: DynamoDBStreamEvent['Records'][number]): AttributionChange => ({
  sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
  image: record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as AttributeMap) : undefined,
});
