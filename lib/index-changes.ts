// What a deployment would do to each table's global secondary indexes, against the committed record of the indexes
// as deployed (lib/deployed-indexes.json), and what DynamoDB or CloudFormation would refuse of it.
// - One index is created or deleted per table update: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
// - An index's keys and projection cannot be changed; CloudFormation refuses such an update:
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-globalsecondaryindexes
// - At most 20 projected non-key attributes: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html
import type { IndexDefinition, TableDefinition } from './tables.js';

/** An index as the record holds it: its keys as `name:type`, and its projection. */
export type RecordedIndex = { partitionKey: string; sortKey?: string; projection: 'KEYS_ONLY' | 'ALL' | { include: string[] } };
export type IndexRecord = Record<string, Record<string, RecordedIndex>>;

export const MAX_PROJECTED_ATTRIBUTES = 20;

export const recorded = (index: IndexDefinition): RecordedIndex => ({
  partitionKey: `${index.partitionKey.name}:${index.partitionKey.type}`,
  ...(index.sortKey ? { sortKey: `${index.sortKey.name}:${index.sortKey.type}` } : {}),
  projection: typeof index.projection === 'object' ? { include: [...index.projection.include] } : index.projection,
});

/** Every index of every table, as the record holds them. */
export const recordOf = (tables: Record<string, TableDefinition>): IndexRecord =>
  Object.fromEntries(
    Object.entries(tables).map(([table, definition]) => [
      table,
      Object.fromEntries(Object.entries(definition.globalSecondaryIndexes ?? {}).map(([name, index]) => [name, recorded(index)])),
    ]),
  );

/** What would fail in deploying `next` over `deployed`, one sentence each; none when the deployment is sound. */
export const undeployableChanges = (deployed: IndexRecord, next: IndexRecord): string[] => {
  const problems: string[] = [];
  for (const [table, indexes] of Object.entries(next)) {
    for (const [name, index] of Object.entries(indexes))
      if (typeof index.projection === 'object' && index.projection.include.length > MAX_PROJECTED_ATTRIBUTES)
        problems.push(
          `${table}.${name} projects ${index.projection.include.length} attributes; DynamoDB allows ${MAX_PROJECTED_ATTRIBUTES}`,
        );
    // A table not deployed yet is created with all its indexes at once.
    const before = deployed[table];
    if (!before) continue;
    const created = Object.keys(indexes).filter((name) => !(name in before));
    const deleted = Object.keys(before).filter((name) => !(name in indexes));
    if (created.length + deleted.length > 1)
      problems.push(
        `${table} would change ${created.length + deleted.length} indexes in one deployment (create ${created.join(', ') || 'none'}; ` +
          `delete ${deleted.join(', ') || 'none'}); DynamoDB creates or deletes one per update`,
      );
    for (const [name, index] of Object.entries(indexes))
      if (name in before && JSON.stringify(before[name]) !== JSON.stringify(index))
        problems.push(`${table}.${name} would change its keys or projection in place, which CloudFormation cannot do: give it a new name`);
  }
  return problems;
};
