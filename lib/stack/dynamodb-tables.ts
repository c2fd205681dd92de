// The stack's DynamoDB tables, from their one definition (lib/tables.ts): on demand, encrypted, point-in-time
// recovery, and in prod deletion protection and kept on deletion. Made in the stack's scope: logical ids unchanged.
import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IndexDefinition, KeyAttribute, TableDefinition, TableKey } from '../tables.js';

const attribute = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

export const createTable = (stack: Stack, key: TableKey, definition: TableDefinition, production: boolean): dynamodb.Table => {
  const table = new dynamodb.Table(stack, `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`, {
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
    ...(definition.stream ? { stream: dynamodb.StreamViewType.NEW_IMAGE } : {}),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const [indexName, index] of Object.entries<IndexDefinition>(definition.globalSecondaryIndexes ?? {})) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
      ...(typeof index.projection === 'object'
        ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection.include] }
        : { projectionType: index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY }),
    });
  }
  return table;
};
