import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/environment.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
