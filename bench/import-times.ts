// 2. Cold-start proxy: the time to require each bundle in a fresh Node process, beside the floor's, round by round.
import { execFileSync } from 'node:child_process';
import { LOCAL_REGION } from '../local/dynamodb-local.js';
import { type Bundle, type Bundles, MEASURED, SUBJECTS } from './bundles.js';
import type { Report } from './report.js';
import { median } from './statistics.js';

const IMPORT_RUNS = 41;
const IMPORT_BUDGET = 1.2;

/**
 * One require of a bundle in a fresh Node process, with exactly the environment the template gives its function
 * (NODE_OPTIONS included, or its absence) on top of what the Lambda runtime sets.
 */
const importTime = ({ file, env }: Bundle): number => {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const runtime = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: LOCAL_REGION,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  };
  return Number(execFileSync(process.execPath, ['-e', script], { env: { ...runtime, ...env }, encoding: 'utf8' }));
};

export const measureImportTimes = (bundles: Bundles, report: Report): void => {
  console.log(`Timing imports (${IMPORT_RUNS} fresh processes each, interleaved)…`);
  const order = ['floor', ...MEASURED] as const;
  const times = Object.fromEntries(order.map((key) => [key, [] as number[]])) as Record<(typeof order)[number], number[]>;
  // Two discarded rounds first, so the page cache holds every bundle before anything is timed.
  for (let run = 0; run < 2; run++) for (const key of order) importTime(bundles[key]);
  // Each round times the floor and every bundle, in an order of its own; the ratio is the median of each round's
  // bundle / floor, so that a machine slowing down or speeding up between rounds does not move it.
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const shuffled = [...order].sort(() => Math.random() - 0.5);
    for (const key of shuffled) times[key].push(importTime(bundles[key]));
  }
  // The project's code may cost at most a fifth of the SDK floor's import, as it may weigh: 1.15 until the functions
  // carried permissions, claims, the marks of lost completions and the included credits' hand-over (the bulk
  // functions then measured 1.145-1.151).
  for (const key of MEASURED) {
    const paired = times[key].map((time, run) => time / (times.floor[run] as number));
    report.record(
      'import time (median)',
      SUBJECTS[key],
      median(times[key]),
      median(times.floor),
      'ms',
      `≤ ${IMPORT_BUDGET} × SDK floor`,
      IMPORT_BUDGET,
      Math.round(median(paired) * 1000) / 1000,
    );
  }
};
