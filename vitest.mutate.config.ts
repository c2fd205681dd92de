import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// What `npm run mutate` runs each mutant against: the unit and integration projects of vitest.config.ts
// (the local-API and infrastructure tests exercise no domain code that these do not).
const MUTATION_PROJECTS = new Set(['unit', 'integration']);

// Left out: the lost-answer tests resend for seconds and stall on a silent server for 8 s, for each mutant they
// cover. The domain branches they reach (an unknown outcome, a charge left unknown) are killed by unit tests
// (tests/unit/adapters/transact.test.ts, referrals/decide-many.test.ts, http/middlewares/metering.test.ts); the
// adapters they prove are not mutated.
const SLOW_FAULT_TESTS = ['tests/integration/lost-answers.test.ts'];

// Stryker sets its own workers, and each file runs in a fresh module graph, as the mutants' coverage expects.
const { maxWorkers: _workers, ...shared } = base.test ?? {};

export default defineConfig({
  test: {
    ...shared,
    projects: (base.test?.projects ?? [])
      .filter((project) => typeof project === 'object' && 'test' in project && MUTATION_PROJECTS.has(String(project.test?.name)))
      .map((project) =>
        typeof project === 'object' && 'test' in project
          ? { ...project, test: { ...project.test, isolate: true, exclude: SLOW_FAULT_TESTS } }
          : project,
      ),
  },
});
