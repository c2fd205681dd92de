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

const DOMAIN = ['functions/referrals', 'functions/billing', 'functions/auth', 'functions/events'];

/** The folder of functions/ a file or module path is in, e.g. functions/billing. */
const folderOf = (file: string): string => path.normalize(file).split(path.sep).slice(0, 2).join('/');

/** A header name as a string literal: what only the HTTP edge (middlewares, shared/envelope) writes. */
const HTTP_HEADER = /['"](retry-after|ratelimit(-policy)?|x-ratelimit-[a-z]+|x-request-id|idempotent-replayed|content-type)['"]/i;

describe('the architecture', () => {
  it('finds the files it checks', () => {
    for (const folder of DOMAIN) expect(sourceFiles(folder).length).toBeGreaterThan(1);
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

  it('lets only the adapters import the AWS SDK', () => {
    const offending = sourceFiles('functions')
      .filter((file) => !file.startsWith('functions/adapters/'))
      .flatMap((file) =>
        importsOf(file)
          .filter((module) => module.startsWith('@aws-sdk/'))
          .map((module) => `${file} imports ${module}`),
      );
    expect(offending).toEqual([]);
  });

  it('names files after what they hold: no name is another plus a suffix, and no two folders hold a file of one name', () => {
    const names = readdirSync(path.join(root, 'functions'), { recursive: true, encoding: 'utf8' }).map((entry) => ({
      entry,
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
