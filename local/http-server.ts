// Serves the local API over HTTP: turns each Node request into an API Gateway request and writes back the result.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApiRequest } from './api-gateway.js';

/** API Gateway's own payload limit for REST APIs. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

const readBody = (request: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) reject(Object.assign(new Error('payload too large'), { tooLarge: true }));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(chunks.length ? Buffer.concat(chunks) : undefined));
    request.on('error', reject);
  });

export const startHttpServer = async (
  gateway: (request: ApiRequest) => Promise<APIGatewayProxyResult>,
  options: {
    port: number;
    host?: string;
    tooLarge: () => APIGatewayProxyResult;
    failed: () => APIGatewayProxyResult;
    /** Documents served as they are on GET, without credentials, e.g. /openapi.json. */
    documents?: Record<string, string>;
  },
): Promise<Server> => {
  const server = createServer(async (incoming, outgoing) => {
    let result: APIGatewayProxyResult;
    const document = incoming.method === 'GET' ? options.documents?.[new URL(incoming.url ?? '/', 'http://local').pathname] : undefined;
    if (document !== undefined) {
      outgoing.writeHead(200, { 'content-type': 'application/json' }).end(document);
      return;
    }
    try {
      const url = new URL(incoming.url ?? '/', 'http://local');
      const body = await readBody(incoming);
      result = await gateway({
        method: incoming.method ?? 'GET',
        path: url.pathname,
        headers: incoming.headersDistinct,
        ...(body ? { body: body.toString('utf8') } : {}),
        sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
      });
    } catch (error) {
      // As API Gateway would: a payload over its limit is a 413, anything else a 5xx, both in the envelope.
      result = (error as { tooLarge?: boolean }).tooLarge ? options.tooLarge() : options.failed();
    }
    outgoing.writeHead(result.statusCode, result.headers as Record<string, string>);
    outgoing.end(result.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
};
