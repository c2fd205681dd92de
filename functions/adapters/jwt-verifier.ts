// Verifies console JWTs against the admin JWKS with jose: asymmetric algorithms only, exp required.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export const ALLOWED_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export type JwtVerifier = { verify(token: string): Promise<JWTPayload> };

export type JwtSettings = { jwksUrl: string; issuer: string; audience: string };

export const createJwtVerifier = (settings: JwtSettings): JwtVerifier => {
  // jose caches the key set and refetches at most once per cooldown, so a burst of unknown `kid`s cannot flood the JWKS host.
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 3_000,
  });
  return {
    async verify(token) {
      const { payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ALLOWED_JWT_ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      });
      return payload;
    },
  };
};
