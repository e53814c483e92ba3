import { defineConfig } from 'vitest/config';

// Test tiers by suffix (STYLE.md habit 12): unit beside the code, *.int.test.ts on a fresh
// database per file, e2e/*.spec.ts in Chromium against the built app.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['packages/*/src/**/*.int.test.ts', 'apps/*/src/**/*.int.test.ts'],
          globalSetup: ['./packages/db/src/testing/global-setup.ts'],
          setupFiles: ['./vitest.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: PGlite is CPU-bound, more workers only thrash.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          // The demo is loaded once per run and copied for each spec (e2e/support/app.ts).
          globalSetup: ['./e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          // The servers load the demo network before they listen (e2e/support/app.ts waits 290 s).
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
