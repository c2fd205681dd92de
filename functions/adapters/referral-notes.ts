// A note's write on a referral: the note put only beside an attribution that exists, its charge and its idempotency
// record, in one transaction.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { IDEMPOTENCY_TTL_SECONDS } from '../idempotency/record.js';
import type { DecisionCancellation, NoteStore, NoteWritePlan } from '../referrals/ports.js';
import { anyOf, ITEM_ABSENT, ITEM_PRESENT, RECORD_EXPIRED } from './conditions.js';
import { toIdempotencyRecord } from './idempotency-store.js';
import type { Tables } from './referral-records.js';
import { attributionItemKey, noteSortKey } from './referrals-table.js';
import { conditionFailed, type NamedItems, type ReasonsByName, transactWrite } from './transact.js';
import { chargeItems, idempotencyKey, readChargeRefusal } from './usage-table.js';

type NoteItem = 'attribution' | 'note' | 'usage' | 'day' | 'month' | 'idempotency';

export const buildNoteTransaction = (tables: Tables, plan: NoteWritePlan): NamedItems<NoteItem> => [
  // The referral must exist; any status takes a note.
  [
    'attribution',
    { ConditionCheck: { TableName: tables.referrals, Key: attributionItemKey(plan.attributionId), ConditionExpression: ITEM_PRESENT } },
  ],
  [
    'note',
    {
      Put: {
        TableName: tables.referrals,
        Item: { pk: plan.attributionId, sk: noteSortKey(plan.note.at, plan.note.note_id), ...plan.note },
        ConditionExpression: ITEM_ABSENT,
      },
    },
  ],
  ...chargeItems(tables.usage, plan.charge),
  ...(plan.idempotency
    ? [
        [
          'idempotency',
          {
            Put: {
              TableName: tables.usage,
              Item: { ...idempotencyKey(plan.charge.userId, plan.idempotency.key), ...plan.idempotency },
              ConditionExpression: anyOf(ITEM_ABSENT, RECORD_EXPIRED),
              ExpressionAttributeValues: { ':now': plan.idempotency.expires_at - IDEMPOTENCY_TTL_SECONDS },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ] as const,
      ]
    : []),
];

const readNoteCancellation = (reasons: ReasonsByName<NoteItem>): DecisionCancellation => {
  const { attribution, idempotency } = reasons;
  const record = conditionFailed(idempotency) && idempotency?.Item ? toIdempotencyRecord(unmarshall(idempotency.Item)) : undefined;
  if (record) return { kind: 'idempotency_replay', record };
  if (conditionFailed(attribution)) return { kind: 'attribution_missing' };
  const refusal = readChargeRefusal(reasons);
  return refusal ? { kind: refusal } : { kind: 'contention' };
};

export const createNoteStore = (client: DynamoDBDocumentClient, tables: Tables): NoteStore => ({
  async commitNote(plan, budget) {
    const outcome = await transactWrite(client, buildNoteTransaction(tables, plan), {
      identity: `note#${plan.charge.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readNoteCancellation(outcome.reasons) };
  },
});
