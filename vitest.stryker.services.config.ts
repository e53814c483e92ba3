import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Vitest for stryker.services.conf.mjs: the test files that cover the mutated service and
// repository rules, each on its own freshly migrated database (PGlite by default,
// PostgreSQL when DATABASE_URL is set), one worker.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The workspace links (node_modules/@retaille/*) point at the real packages, outside
    // Stryker's sandbox: without these aliases the mutated repository code is never loaded.
    alias: [
      { find: /^@retaille\/db$/, replacement: here('./packages/db/src/index.ts') },
      { find: /^@retaille\/db\/testing$/, replacement: here('./packages/db/src/testing/test-database.ts') },
      { find: /^@retaille\/domain$/, replacement: here('./packages/domain/src/index.ts') },
      { find: /^@retaille\/config$/, replacement: here('./packages/config/src/index.ts') },
      { find: /^@retaille\/payments$/, replacement: here('./packages/payments/src/index.ts') },
    ],
  },
  test: {
    // The smallest set that covers the mutated ranges, lean files first: every mutant re-runs the
    // files of the tests that reach it, each file's beforeAll with its fresh database included.
    // The longer paths through the same code stay in the normal suite (trade.service.int.test.ts,
    // payment-restart.int.test.ts, operations.int.test.ts, lot.service.int.test.ts).
    include: [
      // The ledger check: its pure half (unit) and the reading half with the script (integration).
      'packages/services/src/trades/ledger-check.test.ts',
      'packages/services/src/trades/ledger-check.int.test.ts',
      // Request: what it stores and every refusal; the reservation at acceptance.
      'packages/services/src/trades/trade-request.int.test.ts',
      // refund_weight_difference and refund_partial on trade rows written directly.
      'packages/services/src/trades/settlement-refunds.int.test.ts',
      // Search filters and keyset paging, on lots written directly.
      'packages/db/src/repositories/lot-search.repository.int.test.ts',
      // The impact record of a completed trade (unit).
      'packages/services/src/impact/impact-recorder.test.ts',
    ],
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 1,
    fileParallelism: false,
  },
});
