// A TCP server that accepts connections and never answers: a DynamoDB that stalls after the request was sent.
import { createServer, type Socket } from 'node:net';

export type SilentServer = { hostname: string; port: number; accepted: () => number; close(): Promise<void> };

export const startSilentServer = async (): Promise<SilentServer> => {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    // Read and drop whatever arrives, so the request is fully sent, and never write a byte back.
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.unref();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the silent server has no port');
  return {
    hostname: '127.0.0.1',
    port: address.port,
    accepted: () => accepted,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
