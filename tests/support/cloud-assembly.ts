// Reads what a CDK CLI run of cdk-runs.ts left: how it ended, its stacks' templates, their acknowledged policy
// findings, and the policy checks' report.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { inject } from 'vitest';
import type { CommandRun, SynthName } from './cdk-runs.js';
import { resultFile } from './synthesized-apps.js';

export type SynthRun = CommandRun & { outdir: string };

/** A run the infra global setup started, once it has ended. */
export const synthesized = async (name: SynthName, timeoutMs = 600_000): Promise<SynthRun> => {
  const file = resultFile(inject('synthesizedApps'), name);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the ${name} synth did not end within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SynthRun;
};

type Metadata = Record<string, { type: string; data: unknown }[]>;
export type AssemblyStack = {
  stackName: string;
  /** The stack's construct path, as policy reports name constructs. */
  path: string;
  environment: string;
  template: { Resources: Record<string, any>; [section: string]: unknown };
  metadata: Metadata;
};

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Every stack of a cloud assembly by its stack name, those of nested stage assemblies (a pipeline's stages) included. */
export const stacksOf = (outdir: string): Record<string, AssemblyStack> => {
  const manifest = readJson(path.join(outdir, 'manifest.json')) as { artifacts: Record<string, any> };
  return Object.assign(
    {},
    ...Object.values(manifest.artifacts).map((artifact) => {
      if (artifact.type === 'cdk:cloud-assembly') return stacksOf(path.join(outdir, artifact.properties.directoryName));
      if (artifact.type !== 'aws:cloudformation:stack') return {};
      const stack: AssemblyStack = {
        stackName: artifact.properties.stackName ?? artifact.displayName,
        path: artifact.displayName,
        environment: artifact.environment,
        template: readJson(path.join(outdir, artifact.properties.templateFile)),
        metadata: artifact.additionalMetadataFile
          ? readJson(path.join(outdir, artifact.additionalMetadataFile))
          : (artifact.metadata ?? {}),
      };
      return { [stack.stackName]: stack };
    }),
  );
};

/** One stack of the assembly, by its stack name. */
export const stackOf = (outdir: string, stackName: string): AssemblyStack => {
  const stack = stacksOf(outdir)[stackName];
  if (!stack) throw new Error(`no stack ${stackName} in ${outdir}: ${Object.keys(stacksOf(outdir)).join(', ')}`);
  return stack;
};

/** The findings acknowledged on a stack's constructs, with their reasons (those acknowledged on the app are not written in a stack). */
export const acknowledgedRules = (stack: AssemblyStack): { id: string; reason: string }[] =>
  Object.values(stack.metadata)
    .flat()
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));

export type PolicyReport = {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: unknown[];
    suppressedViolations?: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
};

/** The policy validation report the synth wrote. */
export const policyReport = (outdir: string): PolicyReport => readJson(path.join(outdir, 'validation-report.json'));
