import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/webview/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Trainer tests are CPU-bound on a 2-core machine: run files one at a time so timings stay sane.
    fileParallelism: false,
    pool: 'forks',
  },
});
