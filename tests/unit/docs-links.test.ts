import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pages = ['README.md', ...readdirSync(path.join(root, 'docs')).map((file) => `docs/${file}`)].filter((file) => file.endsWith('.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

const anchorsOf = (file: string): Set<string> =>
  new Set(
    [
      ...readFileSync(path.join(root, file), 'utf8')
        .replace(/```[\s\S]*?```/g, '')
        .matchAll(/^#{1,6} (.+)$/gm),
    ].map((match) => slug(match[1] ?? '')),
  );

/** Every relative link of a page, code blocks and inline code left out. */
const linksOf = (file: string): string[] =>
  [
    ...readFileSync(path.join(root, file), 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '')
      .matchAll(/\]\(([^)\s]+)\)/g),
  ]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target));

describe('the documentation', () => {
  it('finds the pages and links it checks', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/api.md', 'docs/operations.md']));
    expect(pages.flatMap(linksOf).length).toBeGreaterThan(10);
  });

  it.each(pages)('%s: every relative link resolves, anchors included', (page) => {
    const broken = linksOf(page).filter((link) => {
      const [target = '', anchor] = link.split('#');
      const file = target === '' ? page : path.normalize(path.join(path.dirname(page), target));
      if (!existsSync(path.join(root, file))) return true;
      return anchor !== undefined && file.endsWith('.md') && !anchorsOf(file).has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('keeps the README to a few screens: at most 250 lines, none over 200 characters', () => {
    const lines = readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
    expect(lines.length).toBeLessThanOrEqual(250);
    expect(lines.filter((line) => line.length > 200)).toEqual([]);
  });
});
