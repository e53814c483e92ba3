import { defineConfig } from 'vitest/config';

// Vitest for Stryker (stryker.conf.mjs): only the unit tests of the pure domain, one worker, so a
// mutant runs the few tests that cover it and nothing else in the monorepo.
export default defineConfig({
  test: {
    include: ['packages/domain/src/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', '**/node_modules/**'],
    setupFiles: ['./vitest.setup.ts'],
    maxWorkers: 1,
    fileParallelism: false,
  },
});
