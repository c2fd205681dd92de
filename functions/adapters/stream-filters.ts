// The referrals table's stream as each reader's event source mapping filters it: the one definition the stack hands
// to Lambda and npm start's stream poller evaluates. Values are DynamoDB JSON (`{ "S": … }`), and a rule applies to
// a leaf. DynamoDB event source mappings "only support filtering on the dynamodb key", so no filter names the record's
// top-level eventName: a record is told by its images alone, and a REMOVE, which carries no NewImage on a stream of
// new images, matches no rule on one. https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html

import { QUEUE_STATUSES } from '../referrals/attribution.js';
import { ACTIVITY_PREFIX, ATTRIBUTION_SK, HOLD_PREFIX, QUEUE_KEY } from './referrals-table.js';

/** A value rule: a value itself, or one of the operators these filters use. */
export type FilterRule = string | { prefix: string } | { 'anything-but': string[] } | { exists: boolean };
/** A filter pattern: each key must match (AND); a leaf lists the rules its value may match (OR). */
export type FilterPattern = { [key: string]: FilterRule[] | FilterPattern };
/** A pattern a DynamoDB event source mapping takes: rules on the record's `dynamodb` key, and on nothing else. */
export type StreamFilterPattern = { dynamodb: FilterPattern };

/**
 * The event forwarder: activity items (a decision) and hold items (a referral entering review). Each is written once
 * (attribute_not_exists) and never changed, so a new image with either sort key is the item's insert.
 */
export const FORWARDER_FILTERS: StreamFilterPattern[] = [
  { dynamodb: { NewImage: { sk: { S: [{ prefix: ACTIVITY_PREFIX }, { prefix: HOLD_PREFIX }] } } } },
];

const attribution = { sk: { S: [ATTRIBUTION_SK] } };

/**
 * The queue indexer: an attribution put or updated into a listed status (to be placed, or placed already), and one in
 * any other status that still carries a queue key (to be taken out). The pipeline's other writes never reach the
 * function, nor does an attribution's removal (no new image).
 */
export const QUEUE_PLACEMENT_FILTERS: StreamFilterPattern[] = [
  { dynamodb: { NewImage: { ...attribution, status: { S: [...QUEUE_STATUSES] } } } },
  {
    dynamodb: {
      NewImage: { ...attribution, status: { S: [{ 'anything-but': [...QUEUE_STATUSES] }] }, [QUEUE_KEY]: { S: [{ exists: true }] } },
    },
  },
];
