// Production wiring of the authorizer: config read once, the key store, the JWKS verifier and the key cache.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { createApiKeyStore } from '../adapters/api-key-store.js';
import { createDocumentClient } from '../adapters/dynamodb-client.js';
import { createJwtVerifier } from '../adapters/jwt-verifier.js';
import type { ApiKeyRecord } from '../auth/api-key.js';
import { createAuthenticator, type Authenticator } from '../auth/authenticate.js';
import { TtlCache } from '../auth/ttl-cache.js';
import { readConfig, requiredVariable } from '../shared/config.js';

const AuthorizerConfigSchema = v.object({
  API_KEYS_TABLE: requiredVariable,
  ADMIN_JWT_JWKS_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'))),
  ADMIN_JWT_ISSUER: v.optional(v.pipe(v.string(), v.nonEmpty())),
  ADMIN_JWT_AUDIENCE: v.optional(v.pipe(v.string(), v.nonEmpty())),
  /** How long a key lookup is reused: the delay before a revocation applies. */
  AUTH_CACHE_TTL_SECONDS: v.optional(v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(0), v.maxValue(3600)), '60'),
});

export const createAuthorizerDeps = (
  env: NodeJS.ProcessEnv = process.env,
  client: DynamoDBDocumentClient = createDocumentClient(),
): Authenticator => {
  const config = readConfig(AuthorizerConfigSchema, env);
  const jwtConfigured = config.ADMIN_JWT_JWKS_URL && config.ADMIN_JWT_ISSUER && config.ADMIN_JWT_AUDIENCE;
  return createAuthenticator({
    apiKeys: createApiKeyStore(client, { apiKeys: config.API_KEYS_TABLE }),
    ...(jwtConfigured
      ? { jwt: createJwtVerifier({ jwksUrl: config.ADMIN_JWT_JWKS_URL!, issuer: config.ADMIN_JWT_ISSUER!, audience: config.ADMIN_JWT_AUDIENCE! }) }
      : {}),
    keyCache: new TtlCache<ApiKeyRecord | null>(Number(config.AUTH_CACHE_TTL_SECONDS) * 1000, 10_000),
  });
};
