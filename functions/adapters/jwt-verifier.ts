// Verifies console JWTs against the admin JWKS with jose: asymmetric algorithms only, exp required.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JwtSettings } from '../auth/jwt-settings.js';
import type { TokenVerifier } from '../auth/ports.js';
import { DependencyUnavailable } from '../shared/dependency-errors.js';

export const ALLOWED_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Whether verification failed because the key set could not be had (timeout, network error, a non-200 or
 * unreadable answer), as opposed to the token itself being bad. jose reports a failed fetch as JWKSTimeout,
 * a plain JOSEError (ERR_JOSE_GENERIC: "Expected 200 OK", unparsable JSON), JWKSInvalid, or the fetch's own error.
 */
export const isKeySetUnavailable = (error: unknown): boolean =>
  !(error instanceof errors.JOSEError) ||
  error instanceof errors.JWKSTimeout ||
  error instanceof errors.JWKSInvalid ||
  error.code === 'ERR_JOSE_GENERIC';

export const createJwtVerifier = (settings: JwtSettings): TokenVerifier => {
  // jose caches the key set and refetches at most once per cooldown, so a burst of unknown `kid`s cannot flood the JWKS host.
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 3_000,
  });
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: ALLOWED_JWT_ALGORITHMS,
          requiredClaims: ['exp', 'sub'],
          clockTolerance: 30,
        });
        return { valid: true, claims: payload };
      } catch (error) {
        if (isKeySetUnavailable(error)) throw new DependencyUnavailable(error);
        return { valid: false, reason: `invalid bearer token (${(error as InstanceType<typeof errors.JOSEError>).code})` };
      }
    },
  };
};
