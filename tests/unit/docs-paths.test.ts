// The documentation names only files that exist, and its walk of a reject lists exactly the files the imports reach.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).map((file) => `docs/${file}`)].filter((file) => file.endsWith('.md'));

/** The repository's folders a page names files in. */
const FOLDERS = ['functions', 'lib', 'local', 'tools', 'tests', 'bench', 'scripts', 'bin', 'events', 'docs'];
/** Every `folder/…` path a page names in inline code, placeholders (`<route>`) and globs left out. */
const namedPaths = (text: string): string[] =>
  [...text.matchAll(/`([a-z]+\/[A-Za-z0-9_./-]+)`/g)]
    .map((match) => match[1] ?? '')
    .filter((named) => FOLDERS.includes(named.split('/')[0] ?? ''));

/** The project files a module imports (relative imports, type-only ones too), as repository paths. */
const importsOf = (file: string): string[] =>
  [...read(file).matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)]
    .map((match) => path.relative(root, path.resolve(root, path.dirname(file), (match[1] ?? '').replace(/\.js$/, '.ts'))))
    .filter((imported) => existsSync(path.join(root, imported)));

const walkFrom = (start: string): Set<string> => {
  const seen = new Set<string>();
  const queue = [start];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return seen;
};

describe('the documentation', () => {
  it.each(pages)('%s names only repository paths that exist', (page) => {
    const missing = namedPaths(read(page)).filter((named) => !existsSync(path.join(root, named)));
    expect(missing).toEqual([]);
  });

  it("lists in architecture.md's walk of a reject exactly the files its imports reach, the shared middlewares aside", () => {
    const section = /### The walk of a reject\n([\s\S]*?)\n### /.exec(read('docs/architecture.md'))?.[1] ?? '';
    const listed = namedPaths(section.slice(section.indexOf('\n- '))).sort();
    const reached = [...walkFrom('functions/handlers/reject-referral/handler.ts')]
      .filter((file) => !file.startsWith('functions/http/middlewares/'))
      .sort();
    expect(listed).toEqual(reached);
    const [, files, lines] = /(\d+) files, about ([\d,]+) lines/.exec(section) ?? [];
    expect(Number(files)).toBe(reached.length);
    const counted = reached.reduce((sum, file) => sum + read(file).split('\n').length, 0);
    expect(Math.abs(counted - Number(lines?.replace(',', ''))) / counted).toBeLessThan(0.1);
  });
});
