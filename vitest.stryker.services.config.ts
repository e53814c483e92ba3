import { defineConfig } from 'vitest/config';

// Vitest for stryker.services.conf.mjs: the two integration test files that cover the mutated
// service and repository rules, each on its own freshly migrated database (PGlite by default,
// PostgreSQL when DATABASE_URL is set), one worker.
export default defineConfig({
  test: {
    include: [
      'packages/services/src/trades/trade.service.int.test.ts',
      'packages/services/src/catalogue/lot.service.int.test.ts',
    ],
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
