import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Names the folder in which tests that start FM-Lotse as a process get it compiled (test/support/compiled.ts).
    globalSetup: ['test/support/compiled.ts'],
    // The process's logger is silent in tests unless a test installs its own.
    setupFiles: ['test/support/quietLogs.ts'],
  },
});
