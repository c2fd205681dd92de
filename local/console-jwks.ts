// A local stand-in for the console's token issuer: one signing key, its JWKS served over HTTP, and admin tokens.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

export const LOCAL_JWT_ISSUER = 'https://console.local';
export const LOCAL_JWT_AUDIENCE = 'referrals-admin';
const ALGORITHM = 'RS256';

export type ConsoleIssuer = {
  jwksUrl: string;
  issuer: string;
  audience: string;
  privateJwk: JWK;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  stop(): Promise<void>;
};

export const startConsoleIssuer = async (port = 0): Promise<ConsoleIssuer> => {
  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALGORITHM, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM };
  const body = JSON.stringify({ keys: [publicJwk] });
  let fetches = 0;
  const server: Server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    jwksUrl: `http://127.0.0.1:${actualPort}/.well-known/jwks.json`,
    issuer: LOCAL_JWT_ISSUER,
    audience: LOCAL_JWT_AUDIENCE,
    privateJwk,
    fetches: () => fetches,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

export type TokenOptions = {
  subject: string;
  role?: string;
  plan?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now; undefined leaves `exp` out. */
  expiresIn?: number | null;
  notBefore?: number;
  extraClaims?: Record<string, unknown>;
};

export const signConsoleToken = async (privateJwk: JWK, options: TokenOptions): Promise<string> => {
  const key = await importJWK(privateJwk, ALGORITHM);
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    ...(options.role === undefined ? {} : { role: options.role }),
    ...(options.plan ? { plan: options.plan } : {}),
    ...options.extraClaims,
  })
    .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid! })
    .setSubject(options.subject)
    .setIssuer(options.issuer ?? LOCAL_JWT_ISSUER)
    .setAudience(options.audience ?? LOCAL_JWT_AUDIENCE)
    .setIssuedAt(now);
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 3600));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key);
};
