import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createApiKeyAdmin } from '../../functions/adapters/api-key-admin.js';
import { hashApiKey } from '../../functions/auth/api-key.js';
import { PERMISSIONS } from '../../functions/auth/permissions.js';
import { createAuthorizerDeps } from '../../functions/handlers/authorizer/dependencies.js';
import { KEY_ID_INDEX } from '../../lib/tables.js';
import { ensureTables, freePort } from '../../local/dynamodb-local.js';
import { keysCommand } from '../../tools/cli/commands/keys.js';
import { runCommand } from '../../tools/cli/runner.js';
import { instrumentedClient } from '../support/instrumented-client.js';
import { ownTables } from '../support/own-tables.js';
import { db, tables, uniqueId } from '../support/table-records.js';

/** The key-id index is eventually consistent: a key created an instant ago may not be found at once. */
const eventually = async <T>(read: () => Promise<T | undefined>): Promise<T | undefined> => {
  for (let attempt = 0; attempt < 20; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
};

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(keysCommand, argv, { out: (line) => out.push(line), err: (line) => err.push(line) }, process.env);
  return { code, out, err };
};

const allKeyItems = async () => (await db.send(new ScanCommand({ TableName: tables.apiKeys, ConsistentRead: true }))).Items ?? [];

const created = (out: string[]) => ({
  keyId: /^key_id: (\S+)$/m.exec(out.join('\n'))?.[1] as string,
  key: /^key: +(ck_\S+)$/m.exec(out.join('\n'))?.[1] as string,
});

describe('npm run keys', () => {
  it('creates a key from the CSPRNG, prints it once with its id, and stores only its hash', async () => {
    const user = uniqueId('cli-admin');
    const result = await run(
      'create',
      '--user',
      user,
      '--plan',
      'growth',
      '--admin',
      '--overage',
      '--label',
      'fraud desk',
      '--table',
      tables.apiKeys,
    );
    expect(result.code).toBe(0);
    const { key, keyId } = created(result.out);
    expect(key).toMatch(/^ck_[A-Za-z0-9_-]{32}$/);
    expect(keyId).toMatch(/^key_[0-9a-f]{16}$/);
    const items = await allKeyItems();
    expect(JSON.stringify(items)).not.toContain(key);
    expect(items.find((item) => item.key_id === keyId)).toMatchObject({
      key_hash: hashApiKey(key),
      user_id: user,
      plan: 'growth',
      admin: true,
      overage: true,
      status: 'active',
      label: 'fraud desk',
    });
    // Two keys never repeat.
    const again = created((await run('create', '--user', user, '--plan', 'growth', '--table', tables.apiKeys)).out);
    expect(again.key).not.toBe(key);
  });

  it('writes the key to a file only its owner reads, printing only its id, for a script such as the pipeline smoke test', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'key-')), 'smoke.key');
    const result = await run(
      'create',
      '--user',
      uniqueId('cli-smoke'),
      '--plan',
      'enterprise',
      '--admin',
      '--table',
      tables.apiKeys,
      '--key-file',
      file,
    );
    expect(result.code).toBe(0);
    const key = readFileSync(file, 'utf8');
    expect(key).toMatch(/^ck_[A-Za-z0-9_-]{32}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(result.out).toHaveLength(1);
    expect(result.out[0]).toMatch(/^key_[0-9a-f]{16}$/);
    expect(result.out.join('\n')).not.toContain(key);
    expect((await allKeyItems()).find((item) => item.key_id === result.out[0])).toMatchObject({
      key_hash: hashApiKey(key),
      status: 'active',
    });
    expect((await run('revoke', result.out[0] as string, '--table', tables.apiKeys)).code).toBe(0);
  });

  it('names a key with an id chosen beforehand, and refuses an id of another form', async () => {
    const chosen = `key_${randomBytes(8).toString('hex')}`;
    const user = uniqueId('cli-chosen');
    const keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'chosen-')), 'key');
    const result = await run(
      'create',
      '--user',
      user,
      '--plan',
      'pro',
      '--key-id',
      chosen,
      '--key-file',
      keyFile,
      '--table',
      tables.apiKeys,
    );
    expect(result.code).toBe(0);
    expect(result.out).toEqual([chosen]);
    expect((await allKeyItems()).filter((item) => item.user_id === user).map((item) => item.key_id)).toEqual([chosen]);
    expect((await run('revoke', chosen, '--table', tables.apiKeys)).code).toBe(0);
    for (const bad of ['key_0123', 'key_0123456789ABCDEF', 'k_0123456789abcdef', `key_${'0'.repeat(17)}`]) {
      const refused = await run('create', '--user', user, '--plan', 'pro', '--key-id', bad, '--table', tables.apiKeys);
      expect(refused.code, bad).toBe(2);
      expect(refused.err.join('\n')).toContain('--key-id must be key_ and 16 hex digits');
    }
    expect((await allKeyItems()).filter((item) => item.user_id === user)).toHaveLength(1);
  });

  it('issues a key the authorizer admits, and refuses once revoked and the cache TTL has passed', async () => {
    const user = uniqueId('cli-admin');
    const { key, keyId } = created((await run('create', '--user', user, '--plan', 'pro', '--admin', '--table', tables.apiKeys)).out);
    let clock = 1_000_000;
    const authenticate = createAuthorizerDeps({ ...process.env, AUTH_CACHE_TTL_SECONDS: '60' }, db, () => clock);
    expect(await authenticate({ 'x-api-key': key })).toMatchObject({
      effect: 'allow',
      principal: { userId: user, subjectId: keyId, plan: 'pro' },
    });

    const revoked = await run('revoke', keyId, '--table', tables.apiKeys);
    expect(revoked.code).toBe(0);
    expect(revoked.out.join('\n')).toMatch(/revoked .*within its cache TTL/);
    clock += 59_999;
    expect((await authenticate({ 'x-api-key': key })).effect).toBe('allow');
    clock += 1;
    expect((await authenticate({ 'x-api-key': key })).effect).toBe('unauthenticated');
  });

  it('lists keys with their id, user, plan, flags, status, date and label, never the hash or the key', async () => {
    const user = uniqueId('cli-lister');
    const { key, keyId } = created(
      (await run('create', '--user', user, '--plan', 'starter', '--label', 'ops', '--table', tables.apiKeys)).out,
    );
    await run('create', '--user', uniqueId('someone-else'), '--plan', 'free', '--table', tables.apiKeys);
    const listed = await run('list', '--user', user, '--table', tables.apiKeys);
    expect(listed.code).toBe(0);
    expect(listed.out[0]).toMatch(/^key_id\s+user_id\s+plan\s+admin\s+overage\s+status\s+role\s+permissions\s+created_at\s+label$/);
    expect(listed.out).toHaveLength(2);
    // A key made without a role or a list may do everything: its permissions are spelled out.
    expect(listed.out[1]).toMatch(
      new RegExp(`^${keyId}\\s+${user}\\s+starter\\s+false\\s+false\\s+active\\s+${PERMISSIONS.join(',')}\\s+\\S+\\s+ops$`),
    );
    expect(listed.out.join('\n')).not.toContain(key);
    expect(listed.out.join('\n')).not.toContain(hashApiKey(key));
    expect((await run('list', '--table', tables.apiKeys)).out.length).toBeGreaterThan(2);
  });

  it('creates a key with a role or a list of permissions, stores them, and shows and lists what it may do', async () => {
    const user = uniqueId('cli-roles');
    const reviewer = created(
      (await run('create', '--user', user, '--plan', 'pro', '--admin', '--role', 'reviewer', '--table', tables.apiKeys)).out,
    );
    const listed = created(
      (
        await run(
          'create',
          '--user',
          user,
          '--plan',
          'pro',
          '--admin',
          '--permissions',
          'referrals:decide,referrals:read',
          '--table',
          tables.apiKeys,
        )
      ).out,
    );
    const items = await allKeyItems();
    expect(items.find((item) => item.key_id === reviewer.keyId)).toMatchObject({ role: 'reviewer' });
    expect(items.find((item) => item.key_id === reviewer.keyId)).not.toHaveProperty('permissions');
    expect(items.find((item) => item.key_id === listed.keyId)).toMatchObject({ permissions: ['referrals:decide', 'referrals:read'] });
    const shown = await eventually(async () => {
      const result = await run('show', reviewer.keyId, '--table', tables.apiKeys);
      return result.code === 0 ? result : undefined;
    });
    expect(shown?.out).toEqual(
      expect.arrayContaining([
        `key_id: ${reviewer.keyId}`,
        'role: reviewer',
        'permissions: referrals:read,referrals:decide,referrals:claim,referrals:note',
      ]),
    );
    expect(shown?.out.join('\n')).not.toContain(reviewer.key);
    const table = await run('list', '--user', user, '--table', tables.apiKeys);
    expect(table.out.find((line) => line.startsWith(listed.keyId))).toMatch(/\sreferrals:read,referrals:decide\s/);
    // The authorizer admits each with exactly that.
    const authenticate = createAuthorizerDeps(process.env);
    expect(await authenticate({ 'x-api-key': reviewer.key })).toMatchObject({
      effect: 'allow',
      permissions: ['referrals:read', 'referrals:decide', 'referrals:claim', 'referrals:note'],
    });
    expect(await authenticate({ 'x-api-key': listed.key })).toMatchObject({
      effect: 'allow',
      permissions: ['referrals:read', 'referrals:decide'],
    });
  });

  it.each([
    ['an unknown plan', ['create', '--user', 'u', '--plan', 'platinum'], /unknown plan platinum/],
    ['a missing user', ['create', '--plan', 'pro'], /create needs --user/],
    ['a blank user', ['create', '--user', '  ', '--plan', 'pro'], /create needs --user/],
    ['an unknown command', ['delete', 'key_1'], /unknown command delete/],
    ['an unknown option', ['list', '--everything'], /Unknown option/],
    ['revoke without an id', ['revoke'], /exactly one key id/],
    [
      'an unknown role',
      ['create', '--user', 'u', '--plan', 'pro', '--role', 'owner'],
      /unknown role owner; one of viewer, reviewer, admin$/,
    ],
    [
      'an unknown permission',
      ['create', '--user', 'u', '--plan', 'pro', '--permissions', 'referrals:read,referrals:delete'],
      /unknown permission referrals:delete; each one of referrals:read, referrals:decide, .*referrals:reopen$/,
    ],
    [
      'a role and a list at once',
      ['create', '--user', 'u', '--plan', 'pro', '--role', 'viewer', '--permissions', 'referrals:read'],
      /not both/,
    ],
    ['show without an id', ['show'], /exactly one key id/],
  ])('refuses %s with a one-line error, exit 2, and writes nothing', async (_name, argv, message) => {
    // A table of its own: other files create keys in the shared one while this runs.
    const names = ownTables('refused');
    await ensureTables(process.env.DYNAMODB_ENDPOINT as string, names);
    const result = await run(...argv, '--table', names.apiKeys);
    expect(result.code).toBe(2);
    expect(result.err[0]).toMatch(message);
    expect(result.err[0]?.split('\n')).toHaveLength(1);
    const stored = await db.send(new ScanCommand({ TableName: names.apiKeys, ConsistentRead: true }));
    expect(stored.Items).toEqual([]);
  });

  it('fails with exit 1 for a key id that does not exist, and for a table that does not', async () => {
    const missing = await run('revoke', 'key_0000000000000000', '--table', tables.apiKeys);
    expect(missing).toMatchObject({ code: 1, err: ['keys: no key with id key_0000000000000000'] });
    const noTable = await run('list', '--table', 'no-such-table');
    expect(noTable).toMatchObject({ code: 1, err: ['keys: table no-such-table does not exist'] });
  });

  it('fails with one line when DynamoDB cannot be reached', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(
      keysCommand,
      ['list'],
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      { ...process.env, DYNAMODB_ENDPOINT: endpoint },
    );
    expect(code).toBe(1);
    expect(err).toEqual([`keys: cannot reach DynamoDB at ${endpoint} (ECONNREFUSED)`]);
  });

  it('runs as npm run keys, with the exit code and the output a pipeline reads', () => {
    const result = spawnSync(
      'npm',
      ['run', '--silent', 'keys', '--', 'create', '--user', uniqueId('npm-admin'), '--plan', 'business', '--admin'],
      {
        env: { ...process.env, API_KEYS_TABLE: tables.apiKeys },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^key_id: key_[0-9a-f]{16}\nkey: +ck_\S+\nStore the key now/);
    const bad = spawnSync('npm', ['run', '--silent', 'keys', '--', 'create', '--plan', 'business'], { env: process.env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('keys: create needs --user');
  });
});

describe('the key store behind npm run keys, when DynamoDB applies a write and its answer is lost', () => {
  it('creates the key once and returns it, and revokes it, with the answer of each lost', async () => {
    // One attempt a send: the resend is the key store's own, not the SDK's.
    const faulty = instrumentedClient({ maxAttempts: 1 });
    const admin = createApiKeyAdmin(faulty.client, { table: tables.apiKeys, keyIdIndex: KEY_ID_INDEX });
    faulty.inject({ command: 'PutItemCommand', when: 'after', times: 1 });
    const { key, record } = await admin.create({ userId: uniqueId('cli-admin'), plan: 'growth', admin: true, overage: false });
    expect(faulty.injectedAttempts()).toBe(1);
    const stored = (await allKeyItems()).filter((item) => item.key_id === record.key_id);
    expect(stored).toEqual([expect.objectContaining({ key_hash: hashApiKey(key), status: 'active' })]);

    faulty.inject({ command: 'UpdateItemCommand', when: 'after', times: 1 });
    const revoked = await eventually(() => admin.revoke(record.key_id));
    expect(revoked).toMatchObject({ key_id: record.key_id, status: 'revoked' });
    expect(faulty.injectedAttempts()).toBe(2);
  });
});
