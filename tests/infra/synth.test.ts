// npm run synth, as a person runs it: the template written, and nothing printed on success.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm run synth', () => {
  it('writes the template and prints nothing on success', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'synth-'));
    try {
      const result = spawnSync('npm', ['run', '--silent', 'synth', '--', '-o', outdir], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        encoding: 'utf8',
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
      });
      expect(result.status).toBe(0);
      expect(`${result.stdout}${result.stderr}`).toBe('');
      expect(readdirSync(outdir)).toContain('ReferralApi-dev.template.json');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 180_000);

  it('prints what went wrong and fails when synth fails', () => {
    const result = spawnSync('npm', ['run', '--silent', 'synth', '--', 'NoSuchStack'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toMatch(/NoSuchStack/);
  }, 180_000);
});
