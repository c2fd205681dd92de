// npm run synth, as a person runs it: the template written, and nothing printed on success; what went wrong printed
// on failure.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCommand } from '../support/cdk-runs.js';
import { synthesized } from '../support/cloud-assembly.js';

describe('npm run synth', () => {
  it('writes the template and prints nothing on success', async () => {
    // The run of the stage that every infra test shares: `npm run synth` with the hand-run production deploy's context.
    const synth = await synthesized('stage');
    expect(synth.command).toMatch(/^npm run --silent synth -- /);
    expect(synth.status, synth.output).toBe(0);
    expect(synth.output).toBe('');
    expect(existsSync(path.join(synth.outdir, 'ReferralApi-prod.template.json'))).toBe(true);
  }, 600_000);

  it('prints what went wrong and fails when synth fails', async () => {
    // A setting the app refuses fails the synth before anything is built: no bundling, no policy checks to wait for.
    const outdir = mkdtempSync(path.join(tmpdir(), 'synth-'));
    try {
      const synth = await runCommand(PROJECT_ROOT, ['npm', 'run', '--silent', 'synth', '--', '-c', 'statusIndex=halfway', '-o', outdir]);
      expect(synth.status).not.toBe(0);
      expect(synth.output).toMatch(/statusIndex must be one of .*it is "halfway"/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
