import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

const sourceFiles = (folder: string): string[] =>
  readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));

/** Every module a file imports, type-only imports included. */
const importsOf = (file: string): string[] =>
  [...readFileSync(path.join(root, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm)].map(
    (match) => match[1] ?? '',
  );

const DOMAIN = ['functions/referrals', 'functions/billing', 'functions/idempotency', 'functions/auth', 'functions/events'];

/** Every folder of source: the functions, the CDK app, the emulation, the tools, the pipeline's scripts and the benchmark. */
const WINGS = ['functions', 'lib', 'local', 'tools', 'scripts', 'bench'];

/**
 * The files outside functions/adapters/ that may use the AWS SDK, each for a reason no adapter serves. Everything
 * else reaches DynamoDB through an adapter's functions, so that keys, expressions and SDK errors stay in one layer.
 */
const SDK_EXEMPT: Record<string, string[]> = {
  // Creates the tables from the stack's definitions and waits for DynamoDB Local: the emulation's own set-up.
  'local/dynamodb-local.ts': ['@aws-sdk/client-dynamodb'],
  // Emulates Lambda's event source mapping, which reads DynamoDB Streams: no function does that itself.
  'local/stream-poller.ts': ['@aws-sdk/client-dynamodb', '@aws-sdk/client-dynamodb-streams'],
  // A deployed stack's outputs (DescribeStacks) for the tools' --stack: deploy-time tooling, not the functions' runtime.
  'tools/cli/stack-outputs.ts': ['@aws-sdk/client-cloudformation'],
  // The benchmark's floor is by definition the SDK alone: the floor handler's bundle, and the bare calls it times.
  'bench/floor-handler.ts': ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  'bench/floor-calls.ts': ['@aws-sdk/lib-dynamodb'],
};

/** A table key prefix as a string literal: only the table modules (adapters/referrals-table.ts, usage-table.ts) write them. */
const TABLE_KEY_LITERAL = /['"`](activity|hold|account|usage|reward|reservation|idempotency|rate|day|month)#/;

/** The folder of functions/ a file or module path is in, e.g. functions/billing. */
const folderOf = (file: string): string => path.normalize(file).split(path.sep).slice(0, 2).join('/');

/** A header name as a string literal: what only the HTTP edge (functions/http) writes. */
const HTTP_HEADER = /['"](retry-after|ratelimit(-policy)?|x-ratelimit-[a-z]+|x-request-id|idempotent-replayed|content-type)['"]/i;

/** A status code given as a number, or named in a comment as the answer: what only the HTTP edge decides. */
const HTTP_STATUS = /(statusCode|status_code|status)\s*[:=]\s*[1-5]\d\d\b|\b(answer(s|ing)?|with|is an?|rejects with)\s+[1-5]\d\d\b/;

describe('the architecture', () => {
  it('finds the files it checks', () => {
    for (const folder of DOMAIN) expect(sourceFiles(folder).length).toBeGreaterThan(1);
    for (const wing of WINGS.filter((name) => name !== 'scripts')) expect(sourceFiles(wing).length, wing).toBeGreaterThan(1);
    expect(importsOf('functions/adapters/referral-store.ts')).toContain('@aws-sdk/lib-dynamodb');
  });

  it.each(DOMAIN)('keeps %s free of adapters, the AWS SDK and Lambda event types', (folder) => {
    const offending = sourceFiles(folder).flatMap((file) =>
      importsOf(file)
        .filter((module) => /\/adapters\/|^@aws-sdk\/|^aws-lambda$|^@middy\//.test(module))
        .map((module) => `${file} imports ${module}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(WINGS)('lets only the adapters send DynamoDB commands: %s imports the AWS SDK only where exempt', (wing) => {
    const offending = sourceFiles(wing)
      .filter((file) => !file.startsWith('functions/adapters/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((module) => module.startsWith('@aws-sdk/') && !SDK_EXEMPT[file]?.includes(module))
          .map((module) => `${file} imports ${module}`),
      );
    expect(offending).toEqual([]);
  });

  it('keeps each exemption from the adapters-only rule needed: the file exists and uses the SDK it is exempt for', () => {
    for (const [file, modules] of Object.entries(SDK_EXEMPT)) expect(importsOf(file), file).toEqual(expect.arrayContaining(modules));
  });

  it.each(['functions', 'local', 'tools', 'scripts', 'bench'])('lets %s write no table key: the table modules build them', (wing) => {
    const offending = sourceFiles(wing)
      .filter((file) => !file.startsWith('functions/adapters/'))
      .filter((file) => TABLE_KEY_LITERAL.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it.each(WINGS)(
    'names the files of %s after what they hold: no name is another plus a suffix, and no two folders hold a file of one name',
    (wing) => {
      // A name is guessed within its wing: the reconcile rule in functions/, the reconcile command in tools/.
      const names = readdirSync(path.join(root, wing), { recursive: true, encoding: 'utf8' }).map((entry) => ({
        entry: path.join(wing, entry),
        name: path.basename(entry).replace(/\.ts$/, ''),
      }));
      const files = names.filter(({ entry }) => entry.endsWith('.ts'));
      // Like meter and metering: one of them is named after the wrong thing. A hyphenated compound (api-key, api-key-store)
      // is a new name.
      const suffixed = files.flatMap(({ entry, name }) =>
        files
          .filter((other) => other.name !== name && other.name.startsWith(name) && /^[a-z]/.test(other.name.slice(name.length)))
          .map((other) => `${entry} ~ ${other.entry}`),
      );
      expect(suffixed).toEqual([]);
      const byName = new Map<string, string[]>();
      for (const { entry, name } of files) byName.set(name, [...(byName.get(name) ?? []), entry]);
      // Each Lambda function's folder has its handler and composition root; each domain folder its ports and errors.
      const conventional = new Set(['handler', 'dependencies', 'ports', 'errors']);
      const shared = [...byName].filter(([name, entries]) => entries.length > 1 && !conventional.has(name));
      expect(shared).toEqual([]);
    },
  );

  it.each(['functions', 'lib', 'local', 'tools', 'scripts', 'bench'])(
    'keeps the modules of %s under 300 lines: one rule, construct, emulated concern, command or measure a module',
    (wing) => {
      const long = sourceFiles(wing).filter((file) => readFileSync(path.join(root, file), 'utf8').split('\n').length > 300);
      expect(long).toEqual([]);
    },
  );

  it('has no cycle between files: no module imports one that imports it back, however far round', () => {
    const files = ['functions', 'lib', 'local', 'tools', 'scripts', 'bench'].flatMap(sourceFiles);
    const edges = new Map(
      files.map((file) => [
        file,
        importsOf(file)
          .filter((module) => module.startsWith('.'))
          .map((module) => path.normalize(path.join(path.dirname(file), module)).replace(/\.js$/, '.ts')),
      ]),
    );
    const cycles: string[] = [];
    const done = new Set<string>();
    const visit = (file: string, trail: string[]) => {
      if (trail.includes(file)) {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      if (done.has(file)) return;
      for (const next of edges.get(file) ?? []) visit(next, [...trail, file]);
      done.add(file);
    };
    for (const file of files) visit(file, []);
    expect(edges.size).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });

  it('has no cycle between the folders of functions/', () => {
    // folder -> the folders its files import
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles('functions')) {
      const from = folderOf(file);
      for (const module of importsOf(file).filter((name) => name.startsWith('.'))) {
        const to = folderOf(path.join(path.dirname(file), module));
        if (to !== from) edges.set(from, new Set([...(edges.get(from) ?? []), to]));
      }
    }
    const cycles: string[] = [];
    const visit = (folder: string, trail: string[]) => {
      if (trail.includes(folder)) {
        cycles.push([...trail.slice(trail.indexOf(folder)), folder].join(' -> '));
        return;
      }
      for (const next of edges.get(folder) ?? []) visit(next, [...trail, folder]);
    };
    for (const folder of edges.keys()) visit(folder, []);
    expect(edges.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });

  it('keeps shared/ below everything: it imports no domain folder, no adapter, no middleware and no handler', () => {
    const offending = sourceFiles('functions/shared').flatMap((file) =>
      importsOf(file)
        .filter((module) => module.startsWith('../'))
        .map((module) => `${file} imports ${module}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(DOMAIN)('lets %s build no HTTP header: the edge renders headers', (folder) => {
    const offending = sourceFiles(folder).filter((file) => HTTP_HEADER.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it.each(DOMAIN)('lets %s name no HTTP status: the edge maps its errors and prices its successes', (folder) => {
    const offending = sourceFiles(folder).filter((file) => HTTP_STATUS.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('keeps the benchmark apart from the tests: bench/ imports nothing from tests/', () => {
    const offending = sourceFiles('bench').flatMap((file) =>
      importsOf(file)
        .filter((module) => module.includes('/tests/') || module.startsWith('../tests'))
        .map((module) => `${file} imports ${module}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps handlers thin: no DynamoDB expression and no computed status code in a handler', () => {
    const handlers = sourceFiles('functions').filter((name) => name.endsWith('handler.ts'));
    expect(handlers.length).toBeGreaterThanOrEqual(6);
    for (const file of handlers) {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect(text, file).not.toMatch(/Expression|statusCode:\s*\d/);
    }
  });
});
