// Production wiring of the authorizer: config read once, the key store, the JWKS verifier and the key cache.
import * as v from 'valibot';
import { createApiKeyStore } from '../../adapters/api-key-store.js';
import { clientFor, type DynamoDBDocumentClient } from '../../adapters/dynamodb-client.js';
import { createJwtVerifier } from '../../adapters/jwt-verifier.js';
import type { ApiKeyRecord } from '../../auth/api-key.js';
import { type Authenticator, createAuthenticator } from '../../auth/authenticate.js';
import { jwtSettingsFrom } from '../../auth/jwt-settings.js';
import { TtlCache } from '../../auth/ttl-cache.js';
import { CommonConfigSchema, optionalVariable, readConfig, requiredVariable } from '../../shared/config.js';

const AuthorizerConfigSchema = v.object({
  ...CommonConfigSchema.entries,
  API_KEYS_TABLE: requiredVariable,
  ADMIN_JWT_JWKS_URL: v.pipe(optionalVariable, v.union([v.undefined(), v.pipe(v.string(), v.url('must be a URL'))])),
  ADMIN_JWT_ISSUER: optionalVariable,
  ADMIN_JWT_AUDIENCE: optionalVariable,
  /** How long a key lookup is reused: the delay before a revocation applies. */
  AUTH_CACHE_TTL_SECONDS: v.pipe(v.optional(v.string(), '60'), v.toNumber(), v.integer(), v.minValue(0), v.maxValue(3600)),
});

/** The most key lookups a container keeps; the oldest is dropped first. */
const KEY_CACHE_ENTRIES = 10_000;

export const createAuthorizerDeps = (
  env: NodeJS.ProcessEnv = process.env,
  client?: DynamoDBDocumentClient,
  now: () => number = Date.now,
): Authenticator => {
  const config = readConfig(AuthorizerConfigSchema, env);
  const jwt = jwtSettingsFrom({ jwksUrl: config.ADMIN_JWT_JWKS_URL, issuer: config.ADMIN_JWT_ISSUER, audience: config.ADMIN_JWT_AUDIENCE });
  return createAuthenticator({
    apiKeys: createApiKeyStore(client ?? clientFor(config), { apiKeys: config.API_KEYS_TABLE }),
    ...(jwt ? { jwt: createJwtVerifier(jwt) } : {}),
    keyCache: new TtlCache<ApiKeyRecord | null>(config.AUTH_CACHE_TTL_SECONDS * 1000, KEY_CACHE_ENTRIES, now),
  });
};
