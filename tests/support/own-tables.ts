// A set of tables of a test's own on the shared DynamoDB Local, and the environment variables that name them to a
// process (npm start, npm run invoke, the command-line tools).
import { randomUUID } from 'node:crypto';
import { type TableKey, tableEnvironment } from '../../lib/tables.js';
import type { TableNames } from '../../local/dynamodb-local.js';

/** Fresh table names, none of which another test uses: `referrals-<label>-<random>` and so on. */
export const ownTables = (label: string): TableNames => {
  const suffix = `${label}-${randomUUID().slice(0, 12)}`;
  return { referrals: `referrals-${suffix}`, apiKeys: `api-keys-${suffix}`, usage: `usage-${suffix}` };
};

/** REFERRALS_TABLE, API_KEYS_TABLE and USAGE_TABLE for these tables. */
export const tableVariables = (names: TableNames): Record<string, string> =>
  Object.fromEntries((Object.keys(tableEnvironment) as TableKey[]).map((key) => [tableEnvironment[key], names[key]]));
