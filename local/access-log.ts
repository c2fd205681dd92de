// One readable line per request for `npm start`: method, path, status, error type, latency and request id.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiRequest } from './api-request.js';

const errorTypeOf = (body: string | undefined): string | undefined => {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { type?: unknown } };
    return typeof parsed.error?.type === 'string' ? parsed.error.type : undefined;
  } catch {
    return undefined;
  }
};

/** Query parameters that carry a credential when a client puts one in the URL. */
const SECRET_PARAMETERS = /^(x-api-key|api_key|apikey|key|token|access_token|authorization)$/i;
/** An API key (ck_…) or a JWT (three base64url parts, the first a JSON header) wherever it appears. */
const SECRET_VALUES = /ck_[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** The path as logged: credentials in the query or the path are replaced, so that no key reaches the log. */
export const redactedPath = (path: string): string => {
  const [route = '', query] = path.split(/\?(.*)/s);
  const parameters =
    query === undefined
      ? ''
      : `?${query
          .split('&')
          .map((pair) => {
            const [name = '', ...value] = pair.split('=');
            let decoded = name;
            try {
              decoded = decodeURIComponent(name);
            } catch {}
            return SECRET_PARAMETERS.test(decoded) && value.length > 0 ? `${name}=[redacted]` : pair;
          })
          .join('&')}`;
  return `${route}${parameters}`.replace(SECRET_VALUES, '[redacted]');
};

export type AccessLogEntry = {
  method: string;
  path: string;
  status: number;
  error_type: string | null;
  latency_ms: number;
  request_id: string | null;
};

export const accessLogEntry = (request: ApiRequest, response: APIGatewayProxyResult, latencyMs: number): AccessLogEntry => {
  const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  return {
    method: request.method,
    path: redactedPath(request.path),
    status: response.statusCode,
    error_type: errorTypeOf(response.body) ?? null,
    latency_ms: Math.round(latencyMs),
    // The id every response body names: API Gateway's own, which it sends in x-amz-apigw-id.
    request_id: headers['x-amz-apigw-id'] ?? null,
  };
};

/** `POST …/referrals/example/reject 200 - 12 ms 3f0c…` (the path as sent), or the entry as one JSON line. */
export const formatAccessLog = (entry: AccessLogEntry, json: boolean): string =>
  json
    ? JSON.stringify({ access_log: entry })
    : `${entry.method} ${entry.path} ${entry.status} ${entry.error_type ?? '-'} ${entry.latency_ms} ms ${entry.request_id ?? '-'}`;
