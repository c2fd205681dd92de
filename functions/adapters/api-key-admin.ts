// Issues, lists and revokes API keys in the keys table, for `npm run keys` and the local seed; the functions never import it.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as v from 'valibot';
import { type ApiKeyRecord, ApiKeyRecordSchema, generateApiKey, generateKeyId, hashApiKey, keyPermissions } from '../auth/api-key.js';
import type { Permission, Role } from '../auth/permissions.js';
import type { PlanName } from '../shared/plan-names.js';
import { sendUntilKnown } from './transact.js';

/** No key with this hash yet (the api-keys table is keyed by key_hash). */
const KEY_ABSENT = 'attribute_not_exists(key_hash)';
/** The item found by hash is the key named (`:id`). */
const KEY_ID_MATCHES = 'key_id = :id';

export type NewKey = {
  userId: string;
  plan: PlanName;
  admin: boolean;
  overage: boolean;
  label?: string;
  status?: 'active' | 'revoked';
  keyId?: string;
  /** What it may do: a role, or a list of permissions; neither, every permission. */
  role?: Role;
  permissions?: Permission[];
};

export type ApiKeyAdmin = {
  /** Stores a key by its hash only; a generated key unless one is given (seeds). */
  create(input: NewKey, key?: string): Promise<{ key: string; record: ApiKeyRecord }>;
  list(filter?: { userId?: string }): Promise<ApiKeyRecord[]>;
  /** The key of this id; undefined when there is none (the index may lag a key made an instant ago). */
  find(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Sets the key to revoked; undefined when no key has that id. */
  revoke(keyId: string, now?: Date): Promise<ApiKeyRecord | undefined>;
};

/** A record with the hash left out and its permissions spelled out, for anything that shows keys. */
export const publicView = (record: ApiKeyRecord): Omit<ApiKeyRecord, 'key_hash'> & { permissions: Permission[] } => {
  const { key_hash: _hash, ...rest } = record;
  return { ...rest, permissions: keyPermissions(record) };
};

/** A command run by hand may resend for half a minute to learn what a lost answer hid. */
const COMMAND_BUDGET_MS = 30_000;
const commandBudget = () => ({ deadline: Date.now() + COMMAND_BUDGET_MS, log: { warn: () => undefined } });

export const createApiKeyAdmin = (
  client: DynamoDBDocumentClient,
  { table, keyIdIndex }: { table: string; keyIdIndex: string },
): ApiKeyAdmin => ({
  async create(input, given) {
    const key = given ?? generateApiKey();
    const record: ApiKeyRecord = v.parse(ApiKeyRecordSchema, {
      key_hash: hashApiKey(key),
      key_id: input.keyId ?? generateKeyId(),
      user_id: input.userId,
      plan: input.plan,
      admin: input.admin,
      overage: input.overage,
      status: input.status ?? 'active',
      created_at: new Date().toISOString(),
      ...(input.label === undefined ? {} : { label: input.label }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(input.permissions === undefined ? {} : { permissions: input.permissions }),
    });
    const command = new PutCommand({
      TableName: table,
      Item: record,
      ConditionExpression: KEY_ABSENT,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    try {
      await sendUntilKnown(`create-key#${record.key_id}`, commandBudget(), (abortSignal) => client.send(command, { abortSignal }));
    } catch (error) {
      // A resend whose first send was applied finds this very key, by its id: created, and the key is not lost.
      const stored = error instanceof ConditionalCheckFailedException && error.Item ? unmarshall(error.Item) : undefined;
      if (stored?.key_id !== record.key_id) throw error;
    }
    return { key, record };
  },

  async list(filter = {}) {
    const records: ApiKeyRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // A scan: the keys table holds a few admin keys per account, read only by this tool.
      const page = await client.send(
        new ScanCommand({
          TableName: table,
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ...(filter.userId ? { FilterExpression: 'user_id = :user', ExpressionAttributeValues: { ':user': filter.userId } } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const record = v.safeParse(ApiKeyRecordSchema, item);
        if (record.success) records.push(record.output);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return records.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.key_id.localeCompare(b.key_id));
  },

  async find(keyId) {
    // The index (keys only) is eventually consistent: a key created an instant ago may not be found yet.
    const found = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: keyIdIndex,
        KeyConditionExpression: 'key_id = :id',
        ExpressionAttributeValues: { ':id': keyId },
      }),
    );
    const hash = found.Items?.[0]?.key_hash;
    if (typeof hash !== 'string') return undefined;
    const stored = await client.send(new GetCommand({ TableName: table, Key: { key_hash: hash }, ConsistentRead: true }));
    const record = v.safeParse(ApiKeyRecordSchema, stored.Item);
    return record.success ? record.output : undefined;
  },

  async revoke(keyId, now = new Date()) {
    const hash = (await this.find(keyId))?.key_hash;
    if (typeof hash !== 'string') return undefined;
    // Setting the same values again is harmless, so a resend after a lost answer changes nothing more.
    const updated = await sendUntilKnown(`revoke-key#${keyId}`, commandBudget(), (abortSignal) =>
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: { key_hash: hash },
          UpdateExpression: 'SET #status = :revoked, revoked_at = if_not_exists(revoked_at, :now)',
          ConditionExpression: KEY_ID_MATCHES,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':revoked': 'revoked', ':now': now.toISOString(), ':id': keyId },
          ReturnValues: 'ALL_NEW',
        }),
        { abortSignal },
      ),
    );
    return v.parse(ApiKeyRecordSchema, updated.Attributes);
  },
});
