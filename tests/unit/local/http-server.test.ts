import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../local/api-request.js';
import { NODE_MAX_HEADER_BYTES, startHttpServer } from '../../../local/http-server.js';

/** Sends raw bytes and resolves with the answer's status line. */
const sendRaw = (port: number, raw: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0] as string);
      }
    });
    socket.on('error', reject);
  });

/** Sends raw bytes and resolves with the whole answer, once the server closes the connection. */
const exchange = (port: number, raw: string | Buffer): Promise<{ status: number; headers: string; body: string }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
    socket.on('error', reject);
  });

const withServer = async (test: (port: number, seen: ApiRequest[]) => Promise<void>) => {
  const seen: ApiRequest[] = [];
  const server = await startHttpServer(
    async (request) => {
      seen.push(request);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"data":"ok"}' };
    },
    { port: 0, failed: () => ({ statusCode: 500, body: '{}' }) },
  );
  try {
    await test((server.address() as AddressInfo).port, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
};

describe('the local HTTP server', () => {
  it.each([
    ['an obs-folded header', 'GET / HTTP/1.1\r\nHost: l\r\nX-A: a\r\n b\r\n\r\n'],
    ['a space in the target', 'GET /a b HTTP/1.1\r\nHost: l\r\n\r\n'],
    ['a NUL in the target', 'GET /a\u0000b HTTP/1.1\r\nHost: l\r\n\r\n'],
    ['an unknown method', 'FROB / HTTP/1.1\r\nHost: l\r\n\r\n'],
    ['an invalid header name', 'GET / HTTP/1.1\r\nHost: l\r\nBad Name: x\r\n\r\n'],
    ['no HTTP at all', '\u0016\u0003\u0001\u0000\u00a5\u0001\r\n\r\n'],
  ])('answers %s with 400 in the envelope, with request ids, and stays up', async (_name, raw) => {
    await withServer(async (port, seen) => {
      const answer = await exchange(port, Buffer.from(raw, 'latin1'));
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 400, data: null, error: { type: 'invalid_request' } });
      expect(JSON.parse(answer.body).request_id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
      expect(answer.headers).toMatch(/x-amzn-requestid: [0-9a-f-]{36}/);
      expect(answer.headers).toContain('content-type: application/json');
      expect(seen).toEqual([]);
      expect((await exchange(port, 'GET /ok HTTP/1.1\r\nHost: l\r\nConnection: close\r\n\r\n')).status).toBe(200);
    });
  });

  it("hands a 20 KB header to the emulation, whose quota answers, and answers headers beyond Node's own limit with the same 431", async () => {
    await withServer(async (port, seen) => {
      const header = (size: number) => `GET /x HTTP/1.1\r\nHost: l\r\nConnection: close\r\nX-Big: ${'a'.repeat(size)}\r\n\r\n`;
      expect((await exchange(port, header(20 * 1024))).status).toBe(200);
      expect(seen.map((request) => request.path)).toEqual(['/x']);
      const tooLarge = await exchange(port, header(NODE_MAX_HEADER_BYTES + 1));
      expect(tooLarge.status).toBe(431);
      expect(JSON.parse(tooLarge.body)).toEqual({ message: 'Request Header Fields Too Large' });
      expect(seen).toHaveLength(1);
    });
  });

  it('hands the body over as the bytes sent, invalid UTF-8 included', async () => {
    await withServer(async (port, seen) => {
      const body = Buffer.from([0x7b, 0xff, 0x7d]);
      const head = `POST /x HTTP/1.1\r\nHost: l\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`;
      expect((await exchange(port, Buffer.concat([Buffer.from(head), body]))).status).toBe(200);
      expect(seen[0]).toMatchObject({ isBase64Encoded: true });
      expect(Buffer.from(seen[0]?.body ?? '', 'base64')).toEqual(body);
    });
  });

  it('answers request targets that are no valid URL, such as //, and stays up', async () => {
    const seen: ApiRequest[] = [];
    const server = await startHttpServer(
      async (request) => {
        seen.push(request);
        return { statusCode: 404, body: '{}' };
      },
      { port: 0, failed: () => ({ statusCode: 500, body: '{}' }) },
    );
    try {
      const { port } = server.address() as AddressInfo;
      for (const target of ['//', '//x/y?z=1', '/ok']) {
        expect(await sendRaw(port, `GET ${target} HTTP/1.1\r\nHost: local\r\n\r\n`)).toBe('HTTP/1.1 404 Not Found');
      }
      expect(seen.map((request) => request.path)).toEqual(['//', '//x/y?z=1', '/ok']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
