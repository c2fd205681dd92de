import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// What `npm run mutate` runs each mutant against: the unit and integration projects of vitest.config.ts
// (the local-API and infrastructure tests exercise no domain code that these do not).
const MUTATION_PROJECTS = new Set(['unit', 'integration']);

export default defineConfig({
  test: {
    ...base.test,
    projects: (base.test?.projects ?? []).filter(
      (project) => typeof project === 'object' && 'test' in project && MUTATION_PROJECTS.has(String(project.test?.name)),
    ),
  },
});
