// A note's write on a referral: the note put only beside an attribution that exists, its charge and its idempotency
// record, in one transaction.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DecisionCancellation, NoteStore, NoteWritePlan } from '../referrals/ports.js';
import { ITEM_ABSENT, ITEM_PRESENT } from './conditions.js';
import { idempotencyItems } from './idempotency-store.js';
import { readReferralCancellation, type Tables } from './referral-records.js';
import { attributionItemKey, noteSortKey } from './referrals-table.js';
import { type NamedItems, type ReasonsByName, transactWrite } from './transact.js';
import { chargeItems } from './usage-table.js';

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
  ...idempotencyItems(tables.usage, plan.charge.userId, plan.idempotency),
];

/** A note's only condition on the referral is that it exists. */
const readNoteCancellation = (reasons: ReasonsByName<NoteItem>): DecisionCancellation =>
  readReferralCancellation(reasons, () => ({ kind: 'attribution_missing' }));

export const createNoteStore = (client: DynamoDBDocumentClient, tables: Tables): NoteStore => ({
  async commitNote(plan, budget) {
    const outcome = await transactWrite(client, buildNoteTransaction(tables, plan), {
      identity: `note#${plan.charge.usage.request_id}#${plan.attributionId}`,
      budget,
    });
    return outcome.committed ? outcome : { committed: false, cancellation: readNoteCancellation(outcome.reasons) };
  },
});
