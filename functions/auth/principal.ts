// The authenticated caller, and what its credential may do, as the authorizer hands them to the function through the
// request context.
import * as v from 'valibot';
import { PlanNameSchema } from '../shared/plan-names.js';
import { PERMISSIONS, type Permission, PermissionSchema } from './permissions.js';

const text = v.pipe(v.string(), v.nonEmpty(), v.maxLength(256));

export const PrincipalSchema = v.object({
  /** The account: limits and usage are counted per user id. */
  userId: text,
  /** The API key id, or the JWT subject. */
  subjectId: text,
  plan: PlanNameSchema,
  authMethod: v.picklist(['api_key', 'jwt']),
  overageEnabled: v.boolean(),
});
export type Principal = v.InferOutput<typeof PrincipalSchema>;

/** API Gateway passes authorizer context values as strings; booleans are encoded explicitly. */
export type AuthorizerContext = {
  userId: string;
  subjectId: string;
  plan: string;
  authMethod: string;
  overageEnabled: 'true' | 'false';
  /** The credential's permissions, comma-separated: a context value cannot be an array. */
  permissions: string;
};

/** A credential that names no permissions may do everything, as every credential could before permissions existed. */
export const toAuthorizerContext = (principal: Principal, permissions: readonly Permission[] = PERMISSIONS): AuthorizerContext => ({
  userId: principal.userId,
  subjectId: principal.subjectId,
  plan: principal.plan,
  authMethod: principal.authMethod,
  overageEnabled: principal.overageEnabled ? 'true' : 'false',
  permissions: permissions.join(','),
});

const AuthorizerContextSchema = v.object({
  userId: v.string(),
  subjectId: v.string(),
  plan: v.string(),
  authMethod: v.string(),
  overageEnabled: v.pipe(
    v.union([v.picklist(['true', 'false']), v.boolean()]),
    v.transform((value) => value === true || value === 'true'),
  ),
});

/** Reads the principal back; undefined when the context is missing or malformed. */
export const fromAuthorizerContext = (context: unknown): Principal | undefined => {
  const raw = v.safeParse(AuthorizerContextSchema, context);
  if (!raw.success) return undefined;
  const principal = v.safeParse(PrincipalSchema, raw.output);
  return principal.success ? principal.output : undefined;
};

const GrantedSchema = v.object({
  // Absent only from an authorizer older than permissions, which admitted admins alone: every permission.
  permissions: v.optional(
    v.pipe(
      v.string(),
      v.transform((value) => (value === '' ? [] : value.split(','))),
      v.array(PermissionSchema),
    ),
    PERMISSIONS.join(','),
  ),
});

/** The credential's permissions; undefined when the context names one that does not exist. */
export const permissionsFromAuthorizerContext = (context: unknown): Permission[] | undefined => {
  const granted = v.safeParse(GrantedSchema, context);
  return granted.success ? granted.output.permissions : undefined;
};
