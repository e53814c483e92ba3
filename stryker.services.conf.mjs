// Mutation testing of a few service and repository rules against their integration tests
// (docs/mutation-services.md). Slow: every mutant re-runs the covering tests on a fresh database.
// Run with `pnpm test:mutation:services`.
import base from './stryker.conf.mjs';

/** The domain configuration (stryker.conf.mjs) with the services' files, tests and report. */
export default {
  ...base,
  vitest: { configFile: 'vitest.stryker.services.config.ts', related: false },
  // Line ranges (Stryker has no function selector): check them when these files move.
  mutate: [
    // toEntries + checkLedger (the French formatting below is for the CLI only).
    'packages/services/src/trades/ledger-check.ts:15-62',
    // Pricing in the trade service: stored breakdown, quantity checks and price at request, and
    // the settlement repricing (weight difference, partial refund).
    'packages/services/src/trades/trade.service.ts:86-93',
    'packages/services/src/trades/trade.service.ts:308-331',
    'packages/services/src/trades/trade.service.ts:677-710',
    // Search filters and keyset paging.
    'packages/db/src/repositories/lot.repository.ts:167-234',
  ],
  ignorePatterns: [
    '/*',
    '!/packages',
    '/packages/*',
    '!/packages/config',
    '!/packages/db',
    '!/packages/domain',
    '!/packages/payments',
    '!/packages/services',
    '!/package.json',
    '!/tsconfig.base.json',
    '!/vitest.stryker.services.config.ts',
    '!/vitest.setup.ts',
  ],
  incremental: true,
  incrementalFile: 'reports/stryker-services-incremental.json',
  markdownReport: {
    fileName: 'docs/mutation-services.md',
    equivalents: 'reports/mutation-services-equivalents.json',
    title: 'Mutation testing — service and repository rules (integration tests)',
    footer: 'reports/mutation-services-footer.md',
  },
  tempDirName: '.stryker-tmp-services',
  // A database per file makes the slowest test seconds long.
  timeoutMS: 60000,
};
