// API keys: their recognisable format, their SHA-256 hash (the only form stored) and their record.
import { createHash, randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { PlanNameSchema } from '../shared/plan-names.js';
import { PERMISSIONS, type Permission, PermissionSchema, permissionsOf, RoleSchema } from './permissions.js';

export const API_KEY_PREFIX = 'ck_';
/** Checked before any lookup, so malformed keys never reach DynamoDB. */
export const API_KEY_PATTERN = /^ck_[A-Za-z0-9_-]{16,128}$/;

export const isWellFormedApiKey = (key: string): boolean => API_KEY_PATTERN.test(key);

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** 24 bytes from the CSPRNG: 192 bits, as 32 base64url characters after the prefix. */
export const generateApiKey = (): string => `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;

/** A key's public name, for listing and revoking; random, so it says nothing of the key. */
export const generateKeyId = (): string => `key_${randomBytes(8).toString('hex')}`;
/** What generateKeyId makes; a script that must know the id before the key exists draws one of this form itself. */
export const KEY_ID_PATTERN = /^key_[0-9a-f]{16}$/;

export const ApiKeyRecordSchema = v.object({
  key_hash: v.pipe(v.string(), v.hexadecimal(), v.length(64)),
  key_id: v.pipe(v.string(), v.nonEmpty()),
  user_id: v.pipe(v.string(), v.nonEmpty()),
  plan: PlanNameSchema,
  admin: v.boolean(),
  overage: v.optional(v.boolean(), false),
  status: v.picklist(['active', 'revoked']),
  created_at: v.string(),
  label: v.optional(v.pipe(v.string(), v.maxLength(200))),
  revoked_at: v.optional(v.string()),
  /** The role it was made with; absent on a key made with a list of permissions, or before permissions existed. */
  role: v.optional(RoleSchema),
  /** Its permissions, when made with a list of them. */
  permissions: v.optional(v.array(PermissionSchema)),
});
export type ApiKeyRecord = v.InferOutput<typeof ApiKeyRecordSchema>;

/** What a key may do: its list, else its role's set; a key made before permissions existed may do everything. */
export const keyPermissions = (record: Pick<ApiKeyRecord, 'role' | 'permissions'>): Permission[] => {
  if (record.permissions) return PERMISSIONS.filter((permission) => record.permissions?.includes(permission));
  return permissionsOf(record.role ?? 'admin');
};
