// A local stand-in for EventBridge: answers PutEvents as AWS does, keeps every request, and can be told to fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SinkEntry = { Source: string; DetailType: string; Detail: string; EventBusName: string };
export type SinkRequest = { target: string; contentType: string; body: { Entries: SinkEntry[] } };

/** How the next requests are answered: all published, some entries failed, or the whole request refused. */
export type SinkFault = { kind: 'entries'; failIndexes: number[]; code: string } | { kind: 'status'; status: number; errorType: string };

export type EventSink = {
  endpoint: string;
  requests: SinkRequest[];
  /** Events that were published (not failed), in the order they were taken. */
  published: SinkEntry[];
  fail(fault: SinkFault, times?: number): void;
  stop(): Promise<void>;
};

export const startEventSink = async (options: { onPublished?: (entry: SinkEntry) => void } = {}): Promise<EventSink> => {
  const requests: SinkRequest[] = [];
  const published: SinkEntry[] = [];
  const faults: { fault: SinkFault; times: number }[] = [];
  let sequence = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as SinkRequest['body'];
      requests.push({
        target: String(request.headers['x-amz-target'] ?? ''),
        contentType: String(request.headers['content-type'] ?? ''),
        body,
      });
      const pending = faults[0];
      const fault = pending?.fault;
      if (pending) {
        pending.times -= 1;
        if (pending.times <= 0) faults.shift();
      }
      if (fault?.kind === 'status') {
        response.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': fault.errorType });
        response.end(JSON.stringify({ __type: fault.errorType, message: 'injected' }));
        return;
      }
      const entries = (body.Entries ?? []).map((entry, index) => {
        if (fault?.kind === 'entries' && fault.failIndexes.includes(index)) return { ErrorCode: fault.code, ErrorMessage: 'injected' };
        published.push(entry);
        options.onPublished?.(entry);
        sequence += 1;
        return { EventId: `local-${sequence}` };
      });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ FailedEntryCount: entries.filter((entry) => 'ErrorCode' in entry).length, Entries: entries }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    published,
    fail: (fault, times = 1) => faults.push({ fault, times }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
