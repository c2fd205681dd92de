// 1. Bundles, as CDK builds them, and the SDK floor built with the same options; their sizes beside the floor's.
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { projectApp } from '../lib/project-app.js';
import { bundling, ReferralApiStack } from '../lib/referral-api-stack.js';
import type { Report } from './report.js';

/** A built function: its bundle, and the environment the template gives it. */
export type Bundle = { file: string; env: Record<string, string> };

/** The functions measured, by the name each row gives them. */
export const SUBJECTS = {
  reject: 'reject function',
  approve: 'approve function',
  authorizer: 'authorizer',
  bulk: 'bulk reject function',
  bulkApprove: 'bulk approve function',
  list: 'list function',
  get: 'get function',
} as const;

export type Subject = keyof typeof SUBJECTS;
export const MEASURED = Object.keys(SUBJECTS) as Subject[];

export type Bundles = Record<Subject | 'floor', Bundle>;

export const buildBundles = (root: string): Bundles => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bench-cdk-'));
  const app = projectApp({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new ReferralApiStack(app, 'Bench', { stage: 'bench' });
  const assembly = app.synth();
  const template = JSON.parse(readFileSync(path.join(assembly.directory, 'Bench.template.json'), 'utf8'));
  /** The bundle CDK built for a function, and the environment the template gives it (references become names). */
  const assetOf = (fn: typeof stack.rejectFunction): Bundle => {
    const id = stack.resolve(stack.getLogicalId(fn.node.defaultChild as never)) as string;
    const resource = template.Resources[id];
    const variables = Object.entries(resource.Properties.Environment?.Variables ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `bench-${name.toLowerCase()}`,
    ]);
    return { file: path.join(assembly.directory, resource.Metadata['aws:asset:path'], 'index.js'), env: Object.fromEntries(variables) };
  };
  const floorDir = path.join(outdir, 'floor');
  mkdirSync(floorDir);
  buildSync({
    entryPoints: [path.join(root, 'bench/floor-handler.ts')],
    outfile: path.join(floorDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: bundling.target,
    minify: bundling.minify,
    external: bundling.externalModules,
    logLevel: 'error',
  });
  return {
    reject: assetOf(stack.rejectFunction),
    authorizer: assetOf(stack.authorizerFunction),
    approve: assetOf(stack.routeFunctions.approveReferral),
    bulk: assetOf(stack.routeFunctions.bulkRejectReferrals),
    bulkApprove: assetOf(stack.routeFunctions.bulkApproveReferrals),
    list: assetOf(stack.routeFunctions.listReferrals),
    get: assetOf(stack.routeFunctions.getReferral),
    floor: { file: path.join(floorDir, 'index.js'), env: {} },
  };
};

/**
 * The project's own code and its middlewares may weigh at most a fifth of the SDK floor. It was 1.15 until the
 * functions carried permissions, claims and the answers to lost completions; the measure keeps its floor.
 */
const BUNDLE_BUDGET = 1.2;

export const measureBundleSizes = (bundles: Bundles, report: Report): void => {
  const size = (bundle: Bundle) => statSync(bundle.file).size;
  for (const key of MEASURED)
    report.record(
      'bundle size',
      SUBJECTS[key],
      size(bundles[key]),
      size(bundles.floor),
      'bytes',
      `≤ ${BUNDLE_BUDGET} × SDK floor`,
      BUNDLE_BUDGET,
    );
};
