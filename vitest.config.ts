import { defineConfig } from 'vitest/config';

// `unit` needs neither Java nor DynamoDB Local; `integration` and `local` share one DynamoDB Local; `infra` synthesizes the stack.
const withDynamoDbLocal = {
  globalSetup: ['tests/support/global-setup.ts'],
  setupFiles: ['tests/support/environment.ts'],
};

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], setupFiles: ['tests/support/unit-environment.ts'] } },
      { extends: true, test: { name: 'infra', include: ['tests/infra/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], ...withDynamoDbLocal } },
      { extends: true, test: { name: 'local', include: ['tests/local/**/*.test.ts'], ...withDynamoDbLocal } },
    ],
  },
});
