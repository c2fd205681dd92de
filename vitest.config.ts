import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `unit` spawns no process and needs neither Java nor DynamoDB Local; `tools` runs the command-line tools the project
// checks itself with (tsc, redocly); `integration` and `local` share one DynamoDB Local; `infra` reads the cloud
// assemblies of one run of each CDK app, which its global setup starts at once and which the other projects overlap.
const withDynamoDbLocal = {
  globalSetup: ['tests/support/global-setup.ts'],
  setupFiles: ['tests/support/environment.ts'],
};
// Groups run in order: unit first, for the quickest answer; infra last, once its synths have had the others' time.
const FIRST = { groupOrder: 1 };
const THEN = { groupOrder: 2 };
const ALONE = { groupOrder: 3 };
const LAST = { groupOrder: 4 };

// Files that load DynamoDB Local with bursts of hundreds of requests (concurrency and scale are what they prove): they
// run one at a time, after the others, so that no other file's requests queue behind theirs, nor theirs behind others'.
const BURSTS = [
  'tests/integration/claims.test.ts',
  'tests/integration/round-trips.test.ts',
  'tests/integration/reconcile-backlog.test.ts',
  'tests/integration/reconcile.test.ts',
  'tests/integration/lost-answers.test.ts',
];

export default defineConfig({
  test: {
    // Most files spend their time waiting on DynamoDB Local, npm start or a timeout, not on a core: two files at
    // once even on two cores (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          setupFiles: ['tests/support/unit-environment.ts'],
          // Its files share no module state (no module mocks, no environment changes): one worker serves many.
          isolate: false,
          sequence: FIRST,
        },
      },
      { extends: true, test: { name: 'tools', include: ['tests/tools/**/*.test.ts'], sequence: THEN } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], exclude: BURSTS, ...withDynamoDbLocal, sequence: THEN },
      },
      {
        extends: true,
        test: { name: 'bursts', include: BURSTS, ...withDynamoDbLocal, fileParallelism: false, sequence: ALONE },
      },
      {
        extends: true,
        test: {
          name: 'local',
          include: ['tests/local/**/*.test.ts'],
          ...withDynamoDbLocal,
          globalSetup: [...withDynamoDbLocal.globalSetup, 'tests/support/shared-npm-start.ts'],
          sequence: THEN,
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], globalSetup: ['tests/support/synthesized-apps.ts'], sequence: LAST },
      },
    ],
  },
});
