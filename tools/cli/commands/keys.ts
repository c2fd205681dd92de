// `npm run keys -- create | list | show | revoke`: issues, shows and revokes admin API keys with their permissions; the
// plaintext key is printed once, never stored.
import { writeFileSync } from 'node:fs';
import * as v from 'valibot';
import { createApiKeyAdmin, publicView } from '../../../functions/adapters/api-key-admin.js';
import { KEY_ID_PATTERN } from '../../../functions/auth/api-key.js';
import { PERMISSIONS, type Permission, PermissionSchema, RoleSchema } from '../../../functions/auth/permissions.js';
import { PlanNameSchema } from '../../../functions/shared/plan-names.js';
import { KEY_ID_INDEX } from '../../../lib/tables.js';
import { defineCommand, UsageError } from '../runner.js';
import { resolveTable, TARGET_HELP, TARGET_OPTIONS, withTargetClient } from '../target.js';

const KEYS_USAGE = `usage:
  npm run keys -- create --user <user id> --plan <plan> [--admin] [--overage] [--role <role> | --permissions <list>]
                         [--label <text>] [--key-file <path>] [--key-id <id>] [target]
      --role        what the key may do, by role: viewer, reviewer or admin (every permission; the default)
      --permissions what the key may do, as a comma-separated list of referrals:read, referrals:decide,
                    referrals:decide_bulk, referrals:claim, referrals:override_claim, referrals:note, referrals:reopen
      --key-file writes the key to that file (mode 600) instead of printing it, and prints only the key id
      --key-id   names the key with an id chosen beforehand (key_ and 16 random hex digits), so that a script can
                 revoke it whatever happens after the write
  npm run keys -- list [--user <user id>] [target]
  npm run keys -- show <key id> [target]
  npm run keys -- revoke <key id> [target]
${TARGET_HELP}
  --table <name>     the API keys table by name, with the default AWS credentials and region`;

const columns = ['key_id', 'user_id', 'plan', 'admin', 'overage', 'status', 'role', 'permissions', 'created_at', 'label'] as const;

/** The keys as aligned columns, a header first. */
const formatTable = (rows: Record<string, unknown>[]): string[] => {
  const cells = rows.map((row) =>
    columns.map((column) => {
      const value = row[column];
      return Array.isArray(value) ? value.join(',') : String(value ?? '');
    }),
  );
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((cell) => (cell[index] as string).length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] as number))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)];
};

/** A key's grant from --role or --permissions (not both); an unknown role or permission names the valid ones. */
const grantOf = (role: string | undefined, permissions: string | undefined) => {
  if (role !== undefined && permissions !== undefined) throw new UsageError('give --role or --permissions, not both');
  if (role !== undefined) {
    if (!v.is(RoleSchema, role)) throw new UsageError(`unknown role ${role}; one of ${RoleSchema.options.join(', ')}`);
    return { role };
  }
  if (permissions === undefined) return {};
  const listed = permissions.split(',').map((permission) => permission.trim());
  const unknown = listed.filter((permission) => !v.is(PermissionSchema, permission));
  if (unknown.length > 0) throw new UsageError(`unknown permission ${unknown.join(', ')}; each one of ${PERMISSIONS.join(', ')}`);
  return { permissions: [...new Set(listed as Permission[])] };
};

/** Every check of the input comes before the table is touched: nothing is written on bad input. */
export const keysCommand = defineCommand({
  name: 'keys',
  usage: KEYS_USAGE,
  positionals: true,
  options: {
    user: { type: 'string' },
    plan: { type: 'string' },
    admin: { type: 'boolean', default: false },
    overage: { type: 'boolean', default: false },
    label: { type: 'string' },
    role: { type: 'string' },
    permissions: { type: 'string' },
    'key-file': { type: 'string' },
    'key-id': { type: 'string' },
    ...TARGET_OPTIONS,
    table: { type: 'string' },
  },
  async run(invocation) {
    const { values, positionals, env, io } = invocation;
    const [command, ...rest] = positionals;
    if (!command || !['create', 'list', 'show', 'revoke'].includes(command)) throw new UsageError(`unknown command ${command ?? '(none)'}`);
    let granted: { role?: v.InferOutput<typeof RoleSchema>; permissions?: Permission[] } = {};
    if (command === 'create') {
      if (!values.user?.trim()) throw new UsageError('create needs --user <user id>');
      if (!v.is(PlanNameSchema, values.plan))
        throw new UsageError(`unknown plan ${values.plan ?? '(none)'}; one of ${PlanNameSchema.options.join(', ')}`);
      if (values.label !== undefined && values.label.length > 200) throw new UsageError('--label must be at most 200 characters');
      if (values['key-id'] !== undefined && !KEY_ID_PATTERN.test(values['key-id']))
        throw new UsageError('--key-id must be key_ and 16 hex digits (lower case), e.g. key_$(openssl rand -hex 8)');
      granted = grantOf(values.role, values.permissions);
    }
    if ((command === 'revoke' || command === 'show') && rest.length !== 1) throw new UsageError(`${command} needs exactly one key id`);
    if (command !== 'revoke' && command !== 'show' && rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);

    const table = await resolveTable(values, env, { output: 'ApiKeysTableName', variable: 'API_KEYS_TABLE', local: 'api-keys' }, true);
    invocation.table = table;
    return withTargetClient(env, async (client) => {
      const admin = createApiKeyAdmin(client, { table, keyIdIndex: KEY_ID_INDEX });
      if (command === 'create') {
        const { key, record } = await admin.create({
          userId: (values.user as string).trim(),
          plan: values.plan as v.InferOutput<typeof PlanNameSchema>,
          admin: values.admin,
          overage: values.overage,
          ...(values.label === undefined ? {} : { label: values.label }),
          ...(values['key-id'] === undefined ? {} : { keyId: values['key-id'] }),
          ...granted,
        });
        if (values['key-file']) {
          // For a script: the key goes to a file only its owner can read, and the key id alone is printed.
          writeFileSync(values['key-file'], key, { mode: 0o600 });
          io.out(record.key_id);
          return 0;
        }
        io.out(`key_id: ${record.key_id}`);
        io.out(`key:    ${key}`);
        io.out('Store the key now: it is not kept and cannot be shown again.');
        return 0;
      }
      if (command === 'list') {
        const records = await admin.list(values.user ? { userId: values.user } : {});
        for (const line of formatTable(records.map(publicView))) io.out(line);
        return 0;
      }
      if (command === 'show') {
        const record = await admin.find(rest[0] as string);
        if (!record) {
          io.err(`keys: no key with id ${rest[0]}`);
          return 1;
        }
        for (const [name, value] of Object.entries(publicView(record)))
          io.out(`${name}: ${Array.isArray(value) ? value.join(',') : value}`);
        return 0;
      }
      const revoked = await admin.revoke(rest[0] as string);
      if (!revoked) {
        io.err(`keys: no key with id ${rest[0]}`);
        return 1;
      }
      io.out(
        `revoked ${revoked.key_id} (user ${revoked.user_id}); the authorizer stops admitting it within its cache TTL (AUTH_CACHE_TTL_SECONDS, 60 s by default)`,
      );
      return 0;
    });
  },
});
