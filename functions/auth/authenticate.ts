// Decides who the caller is from an admin API key or a console JWT: admitted, denied (403) or unauthenticated (401).
import * as v from 'valibot';
import { PlanNameSchema } from '../shared/plan-names.js';
import { type ApiKeyRecord, hashApiKey, isWellFormedApiKey, keyPermissions } from './api-key.js';
import { type Permission, PermissionSchema, permissionsOf, RoleSchema } from './permissions.js';
import type { ApiKeyStore, TokenVerifier } from './ports.js';
import type { Principal } from './principal.js';
import type { TtlCache } from './ttl-cache.js';

export type AuthDecision =
  /** Admitted, with what its credential may do (every permission when it names none). */
  | { effect: 'allow'; principal: Principal; permissions?: Permission[] }
  | { effect: 'deny'; subject: string }
  | { effect: 'unauthenticated'; reason: string };

export type Credentials = { kind: 'api_key'; key: string } | { kind: 'bearer'; token: string } | { kind: 'none'; reason: string };

type HeaderBag = Record<string, string | undefined> | null | undefined;
type MultiHeaderBag = Record<string, string[] | undefined> | null | undefined;

const MAX_CREDENTIAL_LENGTH = 8192;

/**
 * Every value a header was sent with, whatever its letter case; multi-value headers are the full record when present.
 * An empty value counts: a header sent empty is a credential sent, and beside another one it is refused.
 */
const headerValues = (name: string, headers: HeaderBag, multiValueHeaders: MultiHeaderBag): string[] => {
  const pick = <T>(bag: Record<string, T | undefined> | null | undefined): T[] =>
    Object.entries(bag ?? {}).flatMap(([key, value]) => (key.toLowerCase() === name && value !== undefined ? [value] : []));
  const multi = pick(multiValueHeaders).flat();
  return multi.length > 0 ? multi : pick(headers);
};

/** Finds exactly one credential: a repeated or doubled credential is refused rather than guessed at. */
export const readCredentials = (headers: HeaderBag, multiValueHeaders?: MultiHeaderBag): Credentials => {
  const apiKeys = headerValues('x-api-key', headers, multiValueHeaders);
  const authorizations = headerValues('authorization', headers, multiValueHeaders);
  if (apiKeys.length > 1 || authorizations.length > 1) return { kind: 'none', reason: 'repeated credential header' };
  const [apiKey] = apiKeys;
  const [authorization] = authorizations;
  if (apiKey !== undefined && authorization !== undefined) return { kind: 'none', reason: 'both an API key and a bearer token' };
  if (apiKey !== undefined) {
    if (apiKey.length > MAX_CREDENTIAL_LENGTH || !isWellFormedApiKey(apiKey)) return { kind: 'none', reason: 'malformed API key' };
    return { kind: 'api_key', key: apiKey };
  }
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
    if (authorization.length > MAX_CREDENTIAL_LENGTH || !match?.[1]) return { kind: 'none', reason: 'malformed bearer token' };
    return { kind: 'bearer', token: match[1] };
  }
  return { kind: 'none', reason: 'no credentials' };
};

const ConsoleClaimsSchema = v.object({
  sub: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
  role: v.optional(v.string()),
  plan: v.optional(PlanNameSchema),
  overage: v.optional(v.boolean()),
  /** Narrows the role's permissions; a token cannot widen them. Bounded, so that no claim makes the context large. */
  permissions: v.optional(v.pipe(v.array(PermissionSchema), v.maxLength(32))),
});

/** Console admins are billed on the plan their token names, enterprise when it names none. */
export const CONSOLE_DEFAULT_PLAN = 'enterprise';

export type Authenticator = (headers: HeaderBag, multiValueHeaders?: MultiHeaderBag) => Promise<AuthDecision>;

export const createAuthenticator = (deps: {
  apiKeys: ApiKeyStore;
  jwt?: TokenVerifier;
  /** Key records by hash; its TTL is how long a revocation takes to apply. */
  keyCache: TtlCache<ApiKeyRecord | null>;
}): Authenticator => {
  const findKey = async (key: string): Promise<ApiKeyRecord | null> => {
    const hash = hashApiKey(key);
    const cached = deps.keyCache.get(hash);
    if (cached !== undefined) return cached;
    const record = (await deps.apiKeys.findByHash(hash)) ?? null;
    deps.keyCache.set(hash, record);
    return record;
  };

  return async (headers, multiValueHeaders) => {
    const credentials = readCredentials(headers, multiValueHeaders);
    if (credentials.kind === 'none') return { effect: 'unauthenticated', reason: credentials.reason };

    if (credentials.kind === 'api_key') {
      const record = await findKey(credentials.key);
      if (record?.status !== 'active') return { effect: 'unauthenticated', reason: 'unknown or revoked API key' };
      if (!record.admin) return { effect: 'deny', subject: record.key_id };
      return {
        effect: 'allow',
        principal: {
          userId: record.user_id,
          subjectId: record.key_id,
          plan: record.plan,
          authMethod: 'api_key',
          overageEnabled: record.overage,
        },
        permissions: keyPermissions(record),
      };
    }

    if (!deps.jwt) return { effect: 'unauthenticated', reason: 'console tokens are not configured' };
    // An unreachable key set is thrown as dependency_unavailable (a 5xx), never taken for a bad token.
    const verdict = await deps.jwt.verify(credentials.token);
    if (!verdict.valid) return { effect: 'unauthenticated', reason: verdict.reason };
    const claims = v.safeParse(ConsoleClaimsSchema, verdict.claims);
    if (!claims.success) return { effect: 'unauthenticated', reason: 'token claims are malformed' };
    const role = v.safeParse(RoleSchema, claims.output.role);
    if (!role.success) return { effect: 'deny', subject: claims.output.sub };
    return {
      effect: 'allow',
      principal: {
        userId: claims.output.sub,
        subjectId: claims.output.sub,
        plan: claims.output.plan ?? CONSOLE_DEFAULT_PLAN,
        authMethod: 'jwt',
        overageEnabled: claims.output.overage ?? false,
      },
      permissions: permissionsOf(role.output, claims.output.permissions),
    };
  };
};
