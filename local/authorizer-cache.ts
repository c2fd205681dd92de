// API Gateway's cache of a REQUEST authorizer's results, as a test or `npm start` sets it (the stack leaves it off).
//
// With a TTL above 0, API Gateway keys the cache by the values of the identity sources, answers 401 itself when any
// of them is missing, null or empty, without calling the authorizer, and applies a cached policy (and its context)
// to any further request with the same values, on any method, until the TTL ends:
// https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
// https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors ("The cached IAM policy is then applied
// to any additional API requests made within the cache's specified time-to-live (TTL) period").
import type { ApiRequest } from './api-request.js';

export type AuthorizerCacheSettings = { ttlSeconds: number; identityHeaders: readonly string[] };

export type AuthorizerCache<T> = {
  /** The cache key of a request, or 'missing' when an identity source is absent or empty; undefined when caching is off. */
  keyOf(request: ApiRequest): string | 'missing' | undefined;
  get(key: string): T | undefined;
  set(key: string, value: T): void;
};

const headerValue = (headers: ApiRequest['headers'], name: string): string | undefined => {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(found) ? found[0] : found;
};

export const createAuthorizerCache = <T>(settings: AuthorizerCacheSettings, now: () => number = Date.now): AuthorizerCache<T> => {
  const entries = new Map<string, { value: T; until: number }>();
  return {
    keyOf(request) {
      if (settings.ttlSeconds <= 0) return undefined;
      const values = settings.identityHeaders.map((name) => headerValue(request.headers, name));
      if (values.some((value) => value === undefined || value === '')) return 'missing';
      return JSON.stringify(values);
    },
    get(key) {
      const entry = entries.get(key);
      if (!entry || entry.until <= now()) return undefined;
      return entry.value;
    },
    set(key, value) {
      entries.set(key, { value, until: now() + settings.ttlSeconds * 1000 });
    },
  };
};
