// The request a client sends the emulated API, and how API Gateway reads its headers, query string and body into an event.
import { BINARY_MEDIA_TYPES } from '../lib/runtime-settings.js';

export type ApiRequest = {
  method: string;
  /** Path, with or without a query string. */
  path: string;
  /** Header names as the client sent them; a list for a repeated header. */
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  sourceIp?: string;
};

/**
 * `headers` holds the last value of each header, `multiValueHeaders` all of them, names as sent:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
export const splitHeaders = (headers: ApiRequest['headers'] = {}) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    multi[name] = values;
    single[name] = values[values.length - 1] as string;
  }
  return { single, multi };
};

/** A Content-Type matches an entry of the same type and subtype, either of which may be the wildcard, parameters and letter case aside. */
export const matchesBinaryMediaType = (contentType: string | undefined, types: readonly string[]): boolean => {
  const [type = '', subtype = ''] = (contentType ?? '').split(';')[0]?.trim().toLowerCase().split('/') ?? [];
  if (type === '' || subtype === '') return false;
  return types.some((entry) => {
    const [entryType, entrySubtype] = entry.toLowerCase().split('/');
    return (entryType === '*' || entryType === type) && (entrySubtype === '*' || entrySubtype === subtype);
  });
};

/**
 * The body as the function receives it. `request.body` is the client's bytes: UTF-8 text, or base64 when
 * `isBase64Encoded`. A request whose Content-Type matches the API's binaryMediaTypes reaches a proxy integration
 * base64-encoded with isBase64Encoded true, byte for byte; any other is converted to UTF-8 text
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html, and the
 * isBase64Encoded field of the proxy input format,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 * AWS does not document how a request without Content-Type is matched, nor what a text conversion does with
 * invalid UTF-8: here it matches nothing and invalid bytes become U+FFFD. The functions refuse such a body either
 * way, for its missing JSON content type.
 */
export const deliveredBody = (request: ApiRequest): { body: string | null; isBase64Encoded: boolean } => {
  if (request.body === undefined) return { body: null, isBase64Encoded: false };
  const bytes = Buffer.from(request.body, request.isBase64Encoded ? 'base64' : 'utf8');
  const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return matchesBinaryMediaType([contentType ?? []].flat()[0], BINARY_MEDIA_TYPES)
    ? { body: bytes.toString('base64'), isBase64Encoded: true }
    : { body: bytes.toString('utf8'), isBase64Encoded: false };
};

export const parseQuery = (query: string) => {
  if (query === '') return { single: null, multi: null };
  const multi: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) multi[name] = [...(multi[name] ?? []), value];
  const single = Object.fromEntries(Object.entries(multi).map(([name, values]) => [name, values[values.length - 1] as string]));
  return { single, multi };
};
