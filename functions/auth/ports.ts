// What authentication needs from the outside: API key records and console token verification, in the auth domain's words.
import type { ApiKeyRecord } from './api-key.js';

export type ApiKeyStore = {
  findByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
};

/**
 * A console token's verdict: its claims, or why it is not valid.
 * A verifier that cannot reach its key set does not answer with a verdict: it throws `dependency_unavailable`.
 */
export type TokenVerdict = { valid: true; claims: Record<string, unknown> } | { valid: false; reason: string };

export type TokenVerifier = {
  verify(token: string): Promise<TokenVerdict>;
};
