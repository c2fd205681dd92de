// The referrals table's stream as each reader's event source mapping filters it: the one definition the stack hands
// to Lambda and npm start's stream poller evaluates. Values are DynamoDB JSON (`{ "S": … }`), and a rule applies to
// a leaf: https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html

import { QUEUE_STATUSES } from '../referrals/attribution.js';
import { ACTIVITY_PREFIX, ATTRIBUTION_SK, QUEUE_KEY } from './referrals-table.js';

/** A value rule: a value itself, or one of the operators these filters use. */
export type FilterRule = string | { prefix: string } | { 'anything-but': string[] } | { exists: boolean };
/** A filter pattern: each key must match (AND); a leaf lists the rules its value may match (OR). */
export type FilterPattern = { [key: string]: FilterRule[] | FilterPattern };

/** The event forwarder: new activity items only. */
export const ACTIVITY_FILTERS: FilterPattern[] = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: ACTIVITY_PREFIX }] } } } },
];

const attributionWrite = { eventName: ['INSERT', 'MODIFY'] };
const attribution = { sk: { S: [ATTRIBUTION_SK] } };

/**
 * The queue indexer: an attribution in a listed status (to be placed, or placed already), and one in any other
 * status that still carries a queue key (to be taken out). The pipeline's other writes never reach the function.
 */
export const QUEUE_PLACEMENT_FILTERS: FilterPattern[] = [
  { ...attributionWrite, dynamodb: { NewImage: { ...attribution, status: { S: [...QUEUE_STATUSES] } } } },
  {
    ...attributionWrite,
    dynamodb: {
      NewImage: { ...attribution, status: { S: [{ 'anything-but': [...QUEUE_STATUSES] }] }, [QUEUE_KEY]: { S: [{ exists: true }] } },
    },
  },
];
