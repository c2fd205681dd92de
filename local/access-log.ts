// One readable line per request for `npm start`: method, path, status, error type, latency and request id.
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiRequest } from './api-gateway.js';

const errorTypeOf = (body: string | undefined): string | undefined => {
  try {
    const parsed = JSON.parse(body ?? '') as { error?: { type?: unknown } };
    return typeof parsed.error?.type === 'string' ? parsed.error.type : undefined;
  } catch {
    return undefined;
  }
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
    path: request.path,
    status: response.statusCode,
    error_type: errorTypeOf(response.body) ?? null,
    latency_ms: Math.round(latencyMs),
    // The id every response body names: API Gateway's own, which it sends in x-amz-apigw-id.
    request_id: headers['x-amz-apigw-id'] ?? null,
  };
};

/** `POST /api/v1/admin/referrals/example/reject 200 - 12 ms 3f0c…`, or the entry as one JSON line. */
export const formatAccessLog = (entry: AccessLogEntry, json: boolean): string =>
  json
    ? JSON.stringify({ access_log: entry })
    : `${entry.method} ${entry.path} ${entry.status} ${entry.error_type ?? '-'} ${entry.latency_ms} ms ${entry.request_id ?? '-'}`;
