// Mutation testing of a few service and repository rules against their integration tests
// (docs/mutation-services.md). Slow: every mutant re-runs the covering tests on a fresh database.
// Run with `pnpm test:mutation:services`.
import base from './stryker.conf.mjs';

/** The domain configuration (stryker.conf.mjs) with the services' files, tests and report. */
export default {
  ...base,
  vitest: { configFile: 'vitest.stryker.services.config.ts', related: false },
  // Line ranges (Stryker has no function selector), each a whole function: check them when these
  // files move (`grep -n` the function names below).
  mutate: [
    // toEntries + checkLedgerRows + checkLedger (formatLedgerCheck below is the CLI's French text).
    'packages/services/src/trades/ledger-check.ts:15-74',
    // Pricing (docs/decisions/008-trades-payments-ledger.md for the split of trade.service.ts):
    // breakdownOf, the stored breakdown every later step reprices from;
    'packages/services/src/trades/trade-context.ts:48-55',
    // TradeCommands.request and the request itself (prepareTradeRequest, writeTradeRequest,
    // requestedTradeDto): quantity checks (the rules themselves, requestedQuantity and
    // fitsAvailable, are pure and mutated with the domain in stryker.conf.mjs), price at request,
    // what is written and answered;
    'packages/services/src/trades/trade-commands.ts:55-72',
    'packages/services/src/trades/trade-request.ts:50-169',
    // the reservation at acceptance (reserve_quantity → moveQuantity under the lot's row lock; the
    // rule itself, moveLotQuantity, is lot-quantity.ts in the domain run);
    'packages/services/src/trades/trade-writes.ts:36-50',
    // the settlement repricing: refund_weight_difference and refund_partial effect handlers.
    'packages/services/src/trades/trade-effect-handlers.ts:96-124',
    // Search values (nonEmpty, searchValues), filters (filtered) and keyset paging (searchPage,
    // searchShapes, searchLots).
    'packages/db/src/repositories/lot-search.repository.ts:105-207',
    // Impact: a completed trade's record (methodFigures, travelOf, attributeSector,
    // buildImpactRecord); the figures themselves are the domain's (impact/*.ts in the domain run).
    'packages/services/src/impact/impact-recorder.ts:76-212',
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
