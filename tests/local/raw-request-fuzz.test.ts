import { connect } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { pathTo } from '../../functions/http/route.js';
import { bulkRejectRoute } from '../../functions/http/routes/bulk-reject.js';
import { getReferralRoute } from '../../functions/http/routes/get-referral.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { npmStart, type Started, stopAll } from '../support/npm-start.js';

// Raw bytes over a socket against `npm start`: request lines, headers and bodies no client library would send.
// No case carries a valid credential, so none may change anything.

const CASES = 1_000;
const LIST = pathTo(listReferralsRoute);
const DEMO_KEY = 'ck_demo_admin_0000000000000000';

type Answer = { raw: string; status: number; body: string };

/** A chunked body's data: each chunk is its size in hex, CRLF, the data, CRLF; a chunk of size 0 ends it. */
const dechunk = (chunked: string): string => {
  let body = '';
  let at = 0;
  for (;;) {
    const lineEnd = chunked.indexOf('\r\n', at);
    const size = Number.parseInt(chunked.slice(at, lineEnd), 16);
    if (!(size > 0)) return body;
    body += chunked.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
};

/** Writes the bytes, half-closes, and collects what comes back until the server closes or the time is up. */
const exchange = (port: number, bytes: Buffer, timeoutMs = 5_000): Promise<Answer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const body = /^transfer-encoding: chunked$/im.test(head) ? dechunk(rest.join('\r\n\r\n')) : (rest[0] ?? '');
      resolve({ raw, status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1] ?? 0), body });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    socket.on('error', () => undefined);
  });

const token = (alphabet: string, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: 1, maxLength: max });
const anyBytes = (max: number) => fc.uint8Array({ maxLength: max }).map((bytes) => Buffer.from(bytes).toString('latin1'));
const hostile = (max: number) =>
  fc.oneof(
    anyBytes(max),
    fc.string({ unit: 'binary', maxLength: max }),
    fc.constantFrom('', ' ', '\u0000', '\r', '\n', '\r\n ', '%', '%zz', '%00', '//', '/../', '\u00ff', '\t'),
  );

// Weighted towards what parses, so that most cases reach the gateway and the functions, not only Node's parser.
const method = fc.oneof(
  { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'post'), weight: 6 },
  { arbitrary: token('ABCDEFGHIJKLMNOPQRSTUVWXYZ-_!#', 12), weight: 1 },
  { arbitrary: hostile(10), weight: 1 },
);
const path = fc.oneof(
  fc.constantFrom(
    LIST,
    pathTo(getReferralRoute, { id: 'attr-1' }),
    pathTo(rejectReferralRoute, { id: 'attr-1' }),
    pathTo(bulkRejectRoute),
    '/openapi.json',
    '*',
    'http://evil/',
  ),
  fc.tuple(fc.constantFrom(`${LIST}/`, '/', '//', `${LIST}?limit=`), hostile(60)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom(`${LIST}/`, `${LIST}?status=`), token('abcdef0123456789%/?&=._~-', 60)).map(([a, b]) => a + b),
  fc.constantFrom('/'.repeat(9_000), pathTo(getReferralRoute, { id: 'a'.repeat(11_000) })),
);
const version = fc.oneof(
  { arbitrary: fc.constant('HTTP/1.1'), weight: 6 },
  { arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'http/1.1', ''), weight: 1 },
  { arbitrary: hostile(8), weight: 1 },
);
const headerName = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'x-api-key',
      'Authorization',
      'Content-Type',
      'Content-Length',
      'Transfer-Encoding',
      'Idempotency-Key',
      'Host',
    ),
    weight: 4,
  },
  { arbitrary: token('abcdefghijklmnopqrstuvwxyz-', 20), weight: 2 },
  { arbitrary: hostile(20), weight: 1 },
);
const headerValue = fc.oneof(
  {
    arbitrary: fc.constantFrom('application/json', 'chunked', '0', '-1', '99999999999', `Bearer ${'a'.repeat(40)}.b.c`, 'ck_forged'),
    weight: 4,
  },
  { arbitrary: token('abcdefghijklmnopqrstuvwxyz0123456789 ._~%-', 80), weight: 2 },
  { arbitrary: hostile(80), weight: 1 },
  { arbitrary: fc.constantFrom('x'.repeat(20_000), 'y'.repeat(100_000)), weight: 1 },
);
const header = fc
  .tuple(
    headerName,
    headerValue,
    fc.oneof({ arbitrary: fc.constantFrom(': ', ':'), weight: 8 }, { arbitrary: fc.constantFrom(' : ', ':\r\n '), weight: 1 }),
  )
  .map(([n, v, s]) => `${n}${s}${v}`);
const lineEnd = fc.oneof({ arbitrary: fc.constant('\r\n'), weight: 8 }, { arbitrary: fc.constantFrom('\n', '\r'), weight: 1 });
const body = fc.oneof(fc.constant(''), anyBytes(200), fc.constantFrom('{"reason":"x"}', '{"ids":["a"]}', '5\r\nhello\r\n0\r\n\r\n'));

/** The body's Content-Length: mostly true, sometimes absent (the body then reads as a second request) or false. */
const length = fc.oneof({ arbitrary: fc.constant('true'), weight: 6 }, { arbitrary: fc.constantFrom('absent', 'false'), weight: 1 });

const rawRequest = fc
  .record({ method, path, version, headers: fc.array(header, { maxLength: 4 }), lineEnd, body, host: fc.boolean(), length })
  .map(({ method, path, version, headers, lineEnd, body, host, length }) => {
    const bytes = Buffer.from(body, 'latin1');
    const contentLength = { true: [`Content-Length: ${bytes.length}`], absent: [], false: [`Content-Length: ${bytes.length + 7}`] }[length];
    const lines = [`${method} ${path} ${version}`, ...(host ? ['Host: local'] : []), ...headers, ...(body ? contentLength : [])];
    return Buffer.concat([Buffer.from(`${lines.join(lineEnd)}${lineEnd}${lineEnd}`, 'latin1'), bytes]);
  });

/** An answer is in the envelope, in API Gateway's {"message"} form, or its plain-text 413; never a 5xx. */
const expectWellFormed = (answer: Answer) => {
  expect(answer.raw, 'every request gets an answer').not.toBe('');
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  if (answer.status < 400 || answer.body === '') return;
  if (answer.status === 413 && answer.body.startsWith('HTTP content length exceeded')) return;
  const parsed = JSON.parse(answer.body) as Record<string, unknown>;
  if ('message' in parsed && Object.keys(parsed).length === 1) return;
  expect(parsed).toMatchObject({ code: expect.any(Number), data: null, error: { type: expect.any(String) } });
};

let api: Started;
let port: number;
const client = () => createDocumentClient({ endpoint: api.dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const everyItem = async () =>
  Object.fromEntries(
    await Promise.all(
      Object.values(api.tables).map(async (table) => {
        const items = (await client().send(new ScanCommand({ TableName: table }))).Items ?? [];
        return [table, items.map((item) => JSON.stringify(item)).sort()] as const;
      }),
    ),
  );

beforeAll(async () => {
  api = await npmStart();
  port = Number(new URL(api.baseUrl).port);
}, 120_000);

afterAll(stopAll);

describe('npm start under raw hostile bytes', () => {
  it(`answers ${CASES} malformed requests well-formed, stays up, and keeps every item as it was`, async () => {
    const before = await everyItem();
    const statuses = new Map<number, number>();
    const run = await fc.check(
      fc.asyncProperty(rawRequest, async (bytes) => {
        const answer = await exchange(port, bytes);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expectWellFormed(answer);
      }),
      { numRuns: CASES, seed: 20261130, endOnFailure: true },
    );
    // The failing request, cut short: a case can be 100 KB.
    const failing = run.counterexample?.[0];
    expect(run.failed, failing && `${JSON.stringify(failing.subarray(0, 300).toString('latin1'))}: ${String(run.errorInstance)}`).toBe(
      false,
    );
    expect(run.numRuns).toBe(CASES);
    expect(api.child.exitCode).toBeNull();
    expect(await everyItem()).toEqual(before);
    const list = await fetch(`${api.baseUrl}${LIST}?status=review_required`, { headers: { 'x-api-key': DEMO_KEY } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { attributions: unknown[] } }).data.attributions.length).toBeGreaterThan(0);
    console.info(`raw request fuzz: ${CASES} cases, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 600_000);
});
