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
    include: [
      // The ledger check: its pure half (unit) and the reading half with the script (integration).
      'packages/services/src/trades/ledger-check.test.ts',
      'packages/services/src/trades/ledger-check.int.test.ts',
      // Request: quantity checks and price at request; priced lots up to payment.
      'packages/services/src/trades/trade.service.int.test.ts',
      'packages/services/src/trades/priced-lot-payment-path.int.test.ts',
      // A paid per-kg trade handed over lighter: the weight-difference refund (refund_weight_difference).
      'packages/services/src/trades/payment-restart.int.test.ts',
      // Dispute resolution with a partial refund (refund_partial).
      'packages/services/src/operations/operations.int.test.ts',
      // Search filters and keyset paging.
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
