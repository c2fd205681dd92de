import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiKeyAdmin } from '../../functions/adapters/api-key-admin.js';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { accountKey } from '../../functions/adapters/usage-table.js';
import { endpointOf, pathTo } from '../../functions/http/route.js';
import { addNoteRoute } from '../../functions/http/routes/add-note.js';
import { ADMIN_API } from '../../functions/http/routes/api-base.js';
import { approveReferralRoute } from '../../functions/http/routes/approve-referral.js';
import { bulkRejectRoute } from '../../functions/http/routes/bulk-reject.js';
import { listReferralsRoute } from '../../functions/http/routes/list-referrals.js';
import { rejectReferralRoute } from '../../functions/http/routes/reject-referral.js';
import { KEY_ID_INDEX } from '../../lib/tables.js';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { smokeCommand } from '../../tools/cli/commands/smoke.js';
import { runCommand } from '../../tools/cli/runner.js';
import { dynamoDbLocalsOnPort, npmStart, npmStartWithOwnDynamoDb, stopAll, waitForOutput } from '../support/npm-start.js';
import { tableVariables } from '../support/own-tables.js';

afterEach(stopAll);

const seedFile = (content: unknown) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'seed-')), 'seed.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

const clientFor = (endpoint: string) => createDocumentClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** The curl lines npm start prints, run as fetch calls. */
const runCurlLine = async (line: string) => {
  const [, method = 'GET', url = ''] = /curl (?:-X (POST) )?"([^"]+)"/.exec(line) ?? [];
  const headers = Object.fromEntries([...line.matchAll(/-H "([^:]+): ([^"]+)"/g)].map((match) => [match[1] as string, match[2] as string]));
  const body = /-d '([^']+)'/.exec(line)?.[1];
  return fetch(url, { method, headers, ...(body ? { body } : {}) });
};

describe('npm start, run by a person', () => {
  it('prints ready curl lines from the seed, both of which work, and one readable access line per request', async () => {
    // A DynamoDB Local of its own, as on a person's machine: the key line names it and works as printed.
    const api = await npmStartWithOwnDynamoDb();
    const lines = api.output().split('\n');
    const keyLine = lines.find((line) => line.includes('-H "x-api-key: ck_demo_admin_0000000000000000"')) as string;
    const jwtLine = lines.find((line) => line.includes('-H "Authorization: Bearer ')) as string;
    expect((await runCurlLine(keyLine)).status).toBe(200);
    expect((await runCurlLine(jwtLine)).status).toBe(200);
    const example = pathTo(rejectReferralRoute, { id: 'example' });
    const nowhere = `${ADMIN_API}/nowhere`;
    expect((await fetch(`${api.baseUrl}${nowhere}`, { method: 'DELETE' })).status).toBe(404);
    expect((await fetch(`${api.baseUrl}${example}`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${api.baseUrl}${example}`, { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) })).status).toBe(413);
    const access = (await waitForOutput(api, (output) => (output.match(/^(POST|DELETE|GET) \//gm) ?? []).length >= 5))
      .split('\n')
      .filter((line) => /^(POST|DELETE|GET) \//.test(line));
    // Each line names the request by API Gateway's own id, the one its body names; the 10 MB refusal comes before any.
    // A line: the method and path, the status and error type (or -), the time taken, the request id (or -). The paths
    // here hold no character a regular expression reads as special.
    const accessLine = (request: string, answer: string, requestId = '[A-Za-z0-9+/]{15}=') =>
      expect.stringMatching(new RegExp(`^${request} ${answer} \\d+ ms ${requestId}$`));
    expect(access).toEqual([
      accessLine(`POST ${example}`, '200 -'),
      accessLine(`POST ${pathTo(rejectReferralRoute, { id: 'attr-review-2' })}`, '200 -'),
      accessLine(`DELETE ${nowhere}`, '404 route_not_found'),
      accessLine(`POST ${example}`, '401 unauthorized'),
      accessLine(`POST ${example}`, '413 -', '-'),
    ]);
    // The functions' JSON logs and metrics do not drown the access lines.
    expect(api.output()).not.toMatch(/^\{"(level|_aws)"/m);
    // The review queue and bulk reject lines work as printed too.
    const listLine = lines.find((line) => line.includes(`${pathTo(listReferralsRoute)}?limit=5`)) as string;
    const bulkLine = lines.find((line) => line.includes(`${pathTo(bulkRejectRoute)}"`)) as string;
    const list = await runCurlLine(listLine);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { attributions: unknown[] } }).data.attributions).toHaveLength(5);
    const bulk = await runCurlLine(bulkLine);
    expect(bulk.status).toBe(200);
    expect(((await bulk.json()) as { data: unknown }).data).toMatchObject({ rejected: 3, failed: 0 });
    // The key line names this start's DynamoDB Local, and works as printed.
    const keysLine = (lines.find((line) => line.includes('npm run keys -- create')) as string).trim();
    expect(keysLine).toContain(`DYNAMODB_ENDPOINT=${api.dynamoEndpoint} `);
    const made = spawnSync('sh', ['-c', keysLine], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(made.status).toBe(0);
    const key = /^key: +(ck_\S+)$/m.exec(made.stdout)?.[1] as string;
    expect((await fetch(`${api.baseUrl}${pathTo(listReferralsRoute)}?limit=1`, { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it('keeps the functions JSON logs raw, and the access lines as JSON, with LOG_FORMAT=json', async () => {
    const api = await npmStart({ LOG_FORMAT: 'json' });
    for (const id of ['example', 'no-such-referral']) {
      await fetch(`${api.baseUrl}${pathTo(rejectReferralRoute, { id })}`, {
        method: 'POST',
        headers: { 'x-api-key': 'ck_demo_admin_0000000000000000' },
      });
    }
    const json = (await waitForOutput(api, (output) => (output.match(/"access_log"/g) ?? []).length >= 2))
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    const requestIds = json.filter((line) => line.access_log).map((line) => line.access_log.request_id);
    expect(requestIds).toHaveLength(2);
    // Each function logs under its own name, and the authorizer under this request's id, never the previous one's.
    const admitted = json.filter((line) => line.message === 'caller admitted');
    expect(admitted.map((line) => [line.function_name, line.request_id])).toEqual(requestIds.map((id) => ['authorizer', id]));
    const refused = json.filter((line) => line.message === 'request refused');
    expect(refused.map((line) => [line.function_name, line.request_id, line.error_type])).toEqual([
      ['rejectReferral', requestIds[1], 'not_found'],
    ]);
  });

  it('says so when the seed has no admin key or no referral awaiting review, instead of printing a line that fails', async () => {
    const noKey = await npmStart({
      LOCAL_SEED: seedFile({
        apiKeys: [{ key: 'ck_member_key_00000000000000', userId: 'm', plan: 'pro', admin: false }],
        attributions: [{ id: 'held', status: 'review_required' }],
      }),
    });
    expect(noKey.output()).toContain('The seed has no active admin API key: no ready API-key curl line.');
    expect(noKey.output()).not.toContain('x-api-key: ck_member_key');
    await stopAll();
    const noneHeld = await npmStart({ LOCAL_SEED: seedFile({ apiKeys: [], attributions: [{ id: 'done', status: 'rejected' }] }) });
    expect(noneHeld.output()).toContain('The seed has no referral awaiting review (review_required): no ready curl line.');
  });

  it('refuses a port in use with one line naming PORT, before DynamoDB Local is started', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const result = spawnSync('npm', ['start', '--silent'], {
        env: { ...process.env, PORT: String(port), DYNAMODB_ENDPOINT: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(`PORT ${port} is in use: set PORT to a free port`);
      expect(result.stdout).not.toContain('DynamoDB endpoint');
    } finally {
      blocker.close();
    }
  });

  it('reports every problem of a bad seed file', async () => {
    const file = seedFile({
      apiKeys: [{ key: 'short', userId: '', plan: 'gold', admin: true }],
      attributions: [{ id: 'x', status: 'pending' }],
    });
    const result = spawnSync('npm', ['start', '--silent'], {
      env: { ...process.env, LOCAL_SEED: file, DYNAMODB_ENDPOINT: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    for (const field of ['apiKeys.0.key', 'apiKeys.0.userId', 'apiKeys.0.plan', 'attributions.0.status'])
      expect(result.stderr).toContain(field);
    expect(result.stderr).toContain('4 problems');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one line, without a stack trace, that Java is missing: npm start and npm run invoke', () => {
    const nodeOnly = path.dirname(process.execPath);
    const tsx = path.resolve('node_modules/.bin/tsx');
    for (const script of ['local/start.ts', 'local/invoke.ts']) {
      const args = script === 'local/invoke.ts' ? [script, 'reject-referral', 'events/reject-example.json'] : [script];
      const result = spawnSync(process.execPath, [tsx, ...args], {
        env: { PATH: nodeOnly, HOME: process.env.HOME ?? '/tmp', PORT: String(0), DYNAMODB_ENDPOINT: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, script).toBe(1);
      expect(result.stderr.trim(), script).toBe('Cannot start DynamoDB Local: it needs Java 17 or later on the PATH (ENOENT)');
    }
  });

  it('does not orphan DynamoDB Local when the server is killed with SIGKILL', async () => {
    const api = await npmStartWithOwnDynamoDb();
    const port = new URL(api.dynamoEndpoint).port;
    expect(dynamoDbLocalsOnPort(port)).toHaveLength(1);
    process.kill(api.serverPid, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    while (dynamoDbLocalsOnPort(port).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dynamoDbLocalsOnPort(port)).toEqual([]);
  });

  it('restores the demo data with npm run seed -- --reset against the running DynamoDB Local', async () => {
    const api = await npmStart();
    const headers = { 'x-api-key': 'ck_demo_admin_0000000000000000' };
    const rejected = await fetch(`${api.baseUrl}${pathTo(rejectReferralRoute, { id: 'attr-queue-01' })}`, { method: 'POST', headers });
    expect(rejected.status).toBe(200);
    const db = clientFor(api.dynamoEndpoint);
    const status = async () =>
      (await db.send(new GetCommand({ TableName: api.tables.referrals, Key: { pk: 'attr-queue-01', sk: 'attribution' } }))).Item?.status;
    expect(await status()).toBe('rejected');
    // A key made by hand survives the reset.
    const made = await createApiKeyAdmin(db, { table: api.tables.apiKeys, keyIdIndex: KEY_ID_INDEX }).create({
      userId: 'by-hand',
      plan: 'growth',
      admin: true,
      overage: false,
    });
    // Against the instance's own tables, named as npm start was given them.
    const child = spawn('npm', ['run', '--silent', 'seed', '--', '--reset'], {
      env: { ...process.env, DYNAMODB_ENDPOINT: api.dynamoEndpoint, ...tableVariables(api.tables) },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    expect(output).toMatch(new RegExp(`emptied ${api.tables.usage}: [1-9]\\d* items`));
    expect(output).toContain(`kept ${api.tables.apiKeys}: keys made by hand stay`);
    expect(await status()).toBe('review_required');
    const kept = await db.send(new GetCommand({ TableName: api.tables.apiKeys, Key: { key_hash: made.record.key_hash } }));
    expect(kept.Item?.key_id).toBe(made.record.key_id);
    const usage = await db.send(
      new QueryCommand({
        TableName: api.tables.usage,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': accountKey('admin-user') },
      }),
    );
    expect(usage.Items).toEqual([]);
    db.destroy();
  });

  it('passes the smoke test, --write included, and fails it with a key that does not work', async () => {
    const api = await npmStart();
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    const env = { ...process.env, DYNAMODB_ENDPOINT: api.dynamoEndpoint, ...tableVariables(api.tables) };
    expect(await runCommand(smokeCommand, ['--url', api.baseUrl, '--key', 'ck_demo_admin_0000000000000000', '--write'], io, env)).toBe(0);
    // Four checks without --write, then five for each decision, its note among them.
    expect(out.filter((line) => line.startsWith('ok'))).toHaveLength(14);
    expect(out).toEqual(
      expect.arrayContaining([
        'ok    a held referral is rejected: 200 with the attribution',
        'ok    a held referral is qualified: 200 with the attribution',
        'ok    a note is added: 201 with its author',
      ]),
    );
    expect(out.at(-1)).toBe('smoke test passed');
    const db = clientFor(api.dynamoEndpoint);
    const usage = await db.send(
      new QueryCommand({
        TableName: api.tables.usage,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :u)',
        ExpressionAttributeValues: { ':pk': accountKey('admin-user'), ':u': 'usage#' },
      }),
    );
    // Usage records sort by request id: in either order.
    // The two decisions and their two notes, each marked smoke.
    expect(usage.Items).toHaveLength(4);
    expect(usage.Items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ smoke: true, credits: 1, endpoint: endpointOf(rejectReferralRoute) }),
        expect.objectContaining({ smoke: true, credits: 1, endpoint: endpointOf(approveReferralRoute) }),
        expect.objectContaining({ smoke: true, credits: 1, endpoint: endpointOf(addNoteRoute), status_code: 201 }),
      ]),
    );
    const removed = [...out.join('\n').matchAll(/removed (smoke-\S+);/g)].map((match) => match[1] as string);
    expect(removed).toHaveLength(2);
    for (const id of removed) {
      expect((await db.send(new GetCommand({ TableName: api.tables.referrals, Key: { pk: id, sk: 'attribution' } }))).Item).toBeUndefined();
    }
    db.destroy();

    // The key from a file, as the pipeline passes it, read-only.
    out.length = 0;
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'key-')), 'smoke.key');
    writeFileSync(keyFile, 'ck_demo_admin_0000000000000000\n', { mode: 0o600 });
    expect(await runCommand(smokeCommand, ['--url', api.baseUrl, '--key-file', keyFile], io, env)).toBe(0);
    expect(out.join('\n')).not.toContain('ck_demo_admin');

    out.length = 0;
    expect(await runCommand(smokeCommand, ['--url', api.baseUrl, '--key', `ck_${'x'.repeat(24)}`], io, env)).toBe(1);
    expect(out).toContainEqual(expect.stringMatching(/^FAIL {2}an unknown referral answers 404/));
    expect(out.at(-1)).toMatch(/smoke test failed/);
  });
});

describe('npm start delivers events', () => {
  it('prints a line per referral.rejected event and appends each PutEvents entry to LOCAL_EVENTS_FILE, within 2 s', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'events-')), 'events.jsonl');
    const api = await npmStart({ LOCAL_EVENTS_FILE: file });
    const started = Date.now();
    const response = await fetch(`${api.baseUrl}${pathTo(rejectReferralRoute, { id: 'attr-queue-02' })}`, {
      method: 'POST',
      headers: { 'x-api-key': 'ck_demo_admin_0000000000000000', 'content-type': 'application/json' },
      body: '{"reason":"ring"}',
    });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    let lines: string[] = [];
    while (Date.now() - started < 2_000 && lines.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lines = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ Source: 'crawlora.referrals', DetailType: 'referral.rejected', EventBusName: 'referrals-local' });
    expect(JSON.parse(entry.Detail)).toMatchObject({ event_id: `attr-queue-02:${requestId}`, reason: 'ring', status: 'rejected' });
    expect(api.output()).toContain(`event referral.rejected attr-queue-02 attr-queue-02:${requestId}`);
  });
});
