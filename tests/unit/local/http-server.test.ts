import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../local/api-gateway.js';
import { startHttpServer } from '../../../local/http-server.js';

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

describe('the local HTTP server', () => {
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
