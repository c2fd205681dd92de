// What a credential may do: permissions named `resource:action` (as Unkey's are), roles as named sets of them, and
// the refusal when a route's permission is missing. A credential made before permissions existed may do everything.
import * as v from 'valibot';
import { DomainError } from '../shared/domain-error.js';

export const PERMISSIONS = [
  'referrals:read',
  'referrals:decide',
  'referrals:decide_bulk',
  'referrals:claim',
  'referrals:override_claim',
  'referrals:note',
  'referrals:reopen',
] as const;
export const PermissionSchema = v.picklist(PERMISSIONS);
export type Permission = v.InferOutput<typeof PermissionSchema>;

/** Named sets of permissions: a read-only dashboard, a reviewer of the queue, and an admin who may do everything. */
export const ROLES = {
  viewer: ['referrals:read'],
  reviewer: ['referrals:read', 'referrals:claim', 'referrals:decide', 'referrals:note'],
  admin: PERMISSIONS,
} as const satisfies Record<string, readonly Permission[]>;
export const RoleSchema = v.picklist(['viewer', 'reviewer', 'admin']);
export type Role = v.InferOutput<typeof RoleSchema>;

/** The permissions of a grant, in their declared order: a role's set, narrowed to `only` when given. */
export const permissionsOf = (role: Role, only?: readonly Permission[]): Permission[] =>
  PERMISSIONS.filter((permission) => (ROLES[role] as readonly Permission[]).includes(permission) && (only?.includes(permission) ?? true));

/** The caller's credential lacks the permission the route requires. */
export class InsufficientPermissions extends DomainError {
  override name = 'InsufficientPermissions';
  readonly code = 'AUTH.INSUFFICIENT_PERMISSIONS';
  constructor(required: Permission) {
    super(`This credential lacks the permission ${required}`, { required });
  }
}

/** Refuses a caller without the permission, before the route reads, writes or charges anything. */
export const requirePermission = (granted: readonly Permission[], required: Permission): void => {
  if (!granted.includes(required)) throw new InsufficientPermissions(required);
};
