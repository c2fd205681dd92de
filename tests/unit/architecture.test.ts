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

  it('keeps handlers thin: no DynamoDB expression and no computed status code in a handler', () => {
    for (const file of sourceFiles('functions').filter((name) => name.endsWith('/handler.ts'))) {
      const text = readFileSync(path.join(root, file), 'utf8');
      expect(text, file).not.toMatch(/Expression|statusCode:\s*\d/);
    }
  });
});
