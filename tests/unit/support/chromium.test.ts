import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../support/chromium.js';

const root = mkdtempSync(path.join(tmpdir(), 'chromium-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const executable = (directory: string, name: string) => {
  mkdirSync(path.join(root, directory), { recursive: true });
  writeFileSync(path.join(root, directory, name), '#!/bin/sh\n');
  chmodSync(path.join(root, directory, name), 0o755);
  return path.join(root, directory, name);
};

describe('the browser test finds Chromium', () => {
  it("where CodeBuild's standard image links it, on PATH, with no CHROMIUM_PATH", () => {
    const local = executable('usr/local/bin', 'chromium');
    expect(findChromium({ PATH: [path.join(root, 'usr/bin'), path.join(root, 'usr/local/bin')].join(path.delimiter) })).toBe(local);
  });

  it('as chromium-browser, and never a file it may not run', () => {
    writeFileSync(path.join(root, 'chromium'), 'not executable');
    const browser = executable('snap', 'chromium-browser');
    expect(findChromium({ PATH: [root, path.join(root, 'snap')].join(path.delimiter) })).toBe(browser);
  });

  it('at CHROMIUM_PATH first, and says what to set when there is none', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/chrome/chrome', PATH: path.join(root, 'usr/local/bin') })).toBe('/opt/chrome/chrome');
    expect(() => findChromium({ PATH: path.join(root, 'empty') })).toThrow(/set CHROMIUM_PATH, or put chromium on PATH/);
  });
});
