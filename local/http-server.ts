// Serves the local API over HTTP: turns each Node request into an API Gateway request and writes back the result.
import { createServer, type IncomingMessage, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { requestTooLargeResponse } from '../functions/http/gateway-responses.js';
import type { ApiRequest } from './api-request.js';
import { LIMITS, unparsableRequestResponse } from './gateway-quotas.js';

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

/**
 * Node's own header limit (16 KB by default) sits well above API Gateway's quotas (10,240 bytes of headers, a URL of
 * 10,240 characters), so that the emulated quota is the rule that answers, as it would in AWS.
 */
export const NODE_MAX_HEADER_BYTES = 4 * (LIMITS.headerBytes + LIMITS.urlCharacters);

const PARSER_ANSWERS: Record<string, Parameters<typeof unparsableRequestResponse>[0]> = {
  HPE_HEADER_OVERFLOW: 'headers-too-large',
  ERR_HTTP_REQUEST_TIMEOUT: 'timed-out',
};

/** Writes an answer straight to the connection and closes it: for requests Node hands over as a bare socket. */
const writeAndClose = (socket: Duplex, result: APIGatewayProxyResult) => {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(result.body);
  const headers = { ...result.headers, 'content-length': body.length, connection: 'close' };
  const head = [
    `HTTP/1.1 ${result.statusCode} ${STATUS_CODES[result.statusCode]}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
};

/**
 * Answers a request Node's parser refused, in the same form as the emulation's own refusals, instead of Node's bare
 * status line; a connection already gone is only closed.
 */
const answerUnparsable = (error: NodeJS.ErrnoException, socket: Duplex) => {
  if (error.code === 'ECONNRESET') socket.destroy();
  else writeAndClose(socket, unparsableRequestResponse(PARSER_ANSWERS[error.code ?? ''] ?? 'malformed'));
};

/** The request as API Gateway sees it. Split by hand: a target such as `//` is no valid URL relative to a base. */
const apiRequestOf = (incoming: IncomingMessage): ApiRequest => {
  const target = incoming.url ?? '/';
  return {
    method: incoming.method ?? 'GET',
    path: target,
    headers: headersAsSent(incoming),
    sourceIp: incoming.socket.remoteAddress ?? '127.0.0.1',
  };
};

export type HttpServerOptions = {
  port: number;
  host?: string;
  /** Answers a request the gateway itself failed on (a bug in the emulation), as API Gateway's 5xx would. */
  failed: () => APIGatewayProxyResult;
  /** Documents served as they are on GET, without credentials, e.g. /openapi.json and the /docs page. */
  documents?: Record<string, { body: string; contentType: string }>;
  /** Called once per request with what was answered, e.g. to print an access log line. */
  onResponse?: (request: ApiRequest, response: APIGatewayProxyResult, latencyMs: number) => void;
};

export const startHttpServer = async (
  gateway: (request: ApiRequest) => Promise<APIGatewayProxyResult>,
  options: HttpServerOptions,
): Promise<Server> => {
  const answer = async (request: ApiRequest, body: Promise<Buffer | undefined>): Promise<APIGatewayProxyResult> => {
    try {
      const bytes = await body;
      // The client's bytes, as they came: the gateway decides what the function receives (binaryMediaTypes).
      return await gateway({ ...request, ...(bytes ? { body: bytes.toString('base64'), isBase64Encoded: true } : {}) });
    } catch (error) {
      return error instanceof TooLarge ? requestTooLargeResponse() : options.failed();
    }
  };
  // A request without Host still reaches the emulation (API Gateway's own answer to it is not documented).
  const server = createServer({ maxHeaderSize: NODE_MAX_HEADER_BYTES, requireHostHeader: false }, async (incoming, outgoing) => {
    const started = performance.now();
    const request = apiRequestOf(incoming);
    const document = incoming.method === 'GET' ? options.documents?.[request.path.split('?')[0] as string] : undefined;
    if (document !== undefined) {
      outgoing.writeHead(200, { 'content-type': document.contentType }).end(document.body);
      return;
    }
    const result = await answer(request, readBody(incoming));
    try {
      outgoing.writeHead(result.statusCode, result.headers as Record<string, string>);
      outgoing.end(result.body);
    } catch {
      // A status or header Node refuses to write (a function's malformed answer): the connection ends without one.
      outgoing.destroy();
    }
    options.onResponse?.(request, result, performance.now() - started);
  });
  // CONNECT and Upgrade requests come as a bare socket; without these listeners Node would drop them unanswered.
  // What API Gateway answers them is not documented: here they go through the route table like any other request
  // (REST API methods: https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-method-settings.html),
  // where no route takes them.
  for (const event of ['connect', 'upgrade'] as const) {
    server.on(event, async (incoming: IncomingMessage, socket: Duplex) => {
      const started = performance.now();
      const request = apiRequestOf(incoming);
      socket.on('error', () => socket.destroy());
      const result = await answer(request, Promise.resolve(undefined));
      writeAndClose(socket, result);
      options.onResponse?.(request, result, performance.now() - started);
    });
  }
  server.on('clientError', answerUnparsable);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return server;
};
