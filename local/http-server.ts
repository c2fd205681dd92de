// Serves the local API over HTTP: turns each Node request into an API Gateway request and writes back the result.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { requestTooLargeResponse } from '../functions/shared/gateway-responses.js';
import { type ApiRequest, LIMITS } from './api-gateway.js';

class TooLarge extends Error {}

/** Reads the body, stopping once it is over API Gateway's payload quota. */
const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.payloadBytes) reject(new TooLarge());
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });

/** Header names as the client sent them (Node lower-cases `headers`; API Gateway does not). */
const headersAsSent = (request: IncomingMessage): Record<string, string[]> => {
  const headers: Record<string, string[]> = {};
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] as string;
    headers[name] = [...(headers[name] ?? []), request.rawHeaders[index + 1] as string];
  }
  return headers;
};

export type HttpServerOptions = {
  port: number;
  host?: string;
  /** Answers a request the gateway itself failed on (a bug in the emulation), as API Gateway's 5xx would. */
  failed: () => APIGatewayProxyResult;
  /** Documents served as they are on GET, without credentials, e.g. /openapi.json. */
  documents?: Record<string, string>;
  /** Called once per request with what was answered, e.g. to print an access log line. */
  onResponse?: (request: ApiRequest, response: APIGatewayProxyResult, latencyMs: number) => void;
};

export const startHttpServer = async (
  gateway: (request: ApiRequest) => Promise<APIGatewayProxyResult>,
  options: HttpServerOptions,
): Promise<Server> => {
  const server = createServer(async (incoming, outgoing) => {
    const started = performance.now();
    // Split by hand: a request target such as `//` or `//x` is no valid URL relative to a base, and must not throw.
    const target = incoming.url ?? '/';
    const queryAt = target.indexOf('?');
    const url = { pathname: queryAt < 0 ? target : target.slice(0, queryAt), search: queryAt < 0 ? '' : target.slice(queryAt) };
    const document = incoming.method === 'GET' ? options.documents?.[url.pathname] : undefined;
    if (document !== undefined) {
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(document);
      return;
    }
    const request: ApiRequest = {
      method: incoming.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: headersAsSent(incoming),
      sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
    };
    let result: APIGatewayProxyResult;
    try {
      const body = await readBody(incoming);
      result = await gateway({ ...request, ...(body ? { body: body.toString('utf8') } : {}) });
    } catch (error) {
      result = error instanceof TooLarge ? requestTooLargeResponse() : options.failed();
    }
    outgoing.writeHead(result.statusCode, result.headers as Record<string, string>);
    outgoing.end(result.body);
    options.onResponse?.(request, result, performance.now() - started);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
};
