import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IndexRecord, recordOf, undeployableChanges } from '../../../lib/index-changes.js';
import { CDK_CONTEXT } from '../../../lib/project-app.js';
import { type StatusIndexStep, tableDefinitions, tablesAt } from '../../../lib/tables.js';

const deployed = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../lib/deployed-indexes.json'), 'utf8')) as IndexRecord;
const committedStep = (CDK_CONTEXT.statusIndex || undefined) as StatusIndexStep | undefined;

const queue = { partitionKey: 'queue_key:S', sortKey: 'queue_order:S', projection: 'ALL' } as const;
const status = { partitionKey: 'status:S', sortKey: 'queue_order:S', projection: 'ALL' } as const;
const activity = { partitionKey: 'activity_day:S', sortKey: 'sk:S', projection: 'ALL' } as const;

describe('the indexes a deployment changes, against the committed record of the indexes as deployed', () => {
  it('are deployable as the repository stands, with its committed settings', () => {
    expect(undeployableChanges(deployed, recordOf(tablesAt(committedStep)))).toEqual([]);
  });

  it('project at most 20 attributes each, as DynamoDB allows', () => {
    const include = (count: number) => ({ ...queue, projection: { include: Array.from({ length: count }, (_, i) => `a${i}`) } });
    expect(undeployableChanges({}, { referrals: { 'review-queue': include(20) } })).toEqual([]);
    expect(undeployableChanges({}, { referrals: { 'review-queue': include(21) } })).toEqual([
      'referrals.review-queue projects 21 attributes; DynamoDB allows 20',
    ]);
  });

  it('create or delete at most one index a table per deployment', () => {
    const before = { referrals: { 'by-status': status, 'by-activity-day': activity } };
    expect(undeployableChanges(before, { referrals: { 'by-status': status, 'by-activity-day': activity, 'review-queue': queue } })).toEqual(
      [],
    );
    expect(undeployableChanges(before, { referrals: { 'by-activity-day': activity } })).toEqual([]);
    // What the switch to review-queue did in one commit: one created and one deleted.
    expect(undeployableChanges(before, { referrals: { 'by-activity-day': activity, 'review-queue': queue } })).toEqual([
      'referrals would change 2 indexes in one deployment (create review-queue; delete by-status); DynamoDB creates or deletes one per update',
    ]);
    // One change on each of two tables is two table updates, each sound.
    expect(
      undeployableChanges({ referrals: {}, usage: {} }, { referrals: { 'review-queue': queue }, usage: { 'open-reservations': status } }),
    ).toEqual([]);
    // A table deployed for the first time is created with all its indexes at once.
    expect(undeployableChanges({}, { referrals: { 'review-queue': queue, 'by-activity-day': activity } })).toEqual([]);
  });

  it("never change an existing index's keys or projection in place", () => {
    const before = { referrals: { 'review-queue': queue } };
    expect(undeployableChanges(before, { referrals: { 'review-queue': { ...queue, projection: 'KEYS_ONLY' } } })).toEqual([
      'referrals.review-queue would change its keys or projection in place, which CloudFormation cannot do: give it a new name',
    ]);
    expect(undeployableChanges(before, { referrals: { 'review-queue': { ...queue, sortKey: 'created_at:S' } } })).toHaveLength(1);
  });

  it('let a table deployed with by-status switch one index at a time, and roll back the same way', () => {
    const era = recordOf(tablesAt('read'));
    delete era.referrals?.['review-queue'];
    const steps = [era, recordOf(tablesAt('read')), recordOf(tablesAt('kept')), recordOf(tableDefinitions)];
    for (let step = 1; step < steps.length; step++) {
      expect(undeployableChanges(steps[step - 1] as IndexRecord, steps[step] as IndexRecord), `forward to step ${step}`).toEqual([]);
      expect(undeployableChanges(steps[step] as IndexRecord, steps[step - 1] as IndexRecord), `back from step ${step}`).toEqual([]);
    }
    // Skipping a step is what fails.
    expect(undeployableChanges(era, recordOf(tableDefinitions))).toHaveLength(1);
  });
});
