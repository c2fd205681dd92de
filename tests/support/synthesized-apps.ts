// The infra project's global setup: each CDK CLI run of cdk-runs.ts once per run, started in the background (the
// other projects' tests run meanwhile), each result written beside its cloud assembly for the tests to read.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { cloneWith, PROJECT_ROOT, runCommand, SYNTHS, type SynthName } from './cdk-runs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    synthesizedApps: string;
  }
}

/** Where a run's result is written once it has ended; its cloud assembly is the directory of the same name. */
export const resultFile = (root: string, name: SynthName) => path.join(root, `${name}.json`);

const LANES: SynthName[][] = [['pipeline'], ['stage', 'listed']];

export default function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'cdk-apps-'));
  const clones: string[] = [];
  const groups = new Set<number>();
  let stopping = false;
  const synthesize = async (name: SynthName) => {
    const { clone, command, env } = SYNTHS[name];
    const cwd = clone ? cloneWith(clone) : PROJECT_ROOT;
    if (clone) clones.push(cwd);
    let group: number | undefined;
    const run = await runCommand(cwd, command(path.join(root, name)), env, (pid) => {
      group = pid;
      if (pid) groups.add(pid);
    });
    if (group) groups.delete(group);
    // Written whole, then renamed: a test never reads half a result.
    writeFileSync(`${resultFile(root, name)}.partial`, JSON.stringify({ ...run, outdir: path.join(root, name) }));
    renameSync(`${resultFile(root, name)}.partial`, resultFile(root, name));
  };
  // Two at a time, the longest alone: the two cores stay shared with the tests that run meanwhile.
  const runs = LANES.map(async (lane) => {
    for (const name of lane) if (!stopping) await synthesize(name);
  });
  project.provide('synthesizedApps', root);
  return async () => {
    // A run still going (only some infra files ran) is stopped with its whole process tree.
    stopping = true;
    for (const group of groups) {
      try {
        process.kill(-group, 'SIGTERM');
      } catch {
        // Ended meanwhile.
      }
    }
    await Promise.all(runs);
    for (const directory of [root, ...clones]) rmSync(directory, { recursive: true, force: true });
  };
}
