import { defineConfig } from 'vitest/config';

// End-to-end tests in a real VS Code (code-server + Chromium): slow, stateful, one file at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
    retry: 0,
  },
});
