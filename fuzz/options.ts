/**
 * The fuzz harness's own settings, read and checked once. The app's settings stay in
 * packages/config, which also gives the database (DATABASE_URL, or the in-memory PGlite).
 */
import { loadConfig, toolEnvironment } from '../packages/config/src/index.ts';

function number(name: string, value: string | undefined, check: (n: number) => boolean) {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!check(n)) throw new Error(`${name}=${value}: not a valid value`);
  return n;
}

export function loadFuzzOptions(source: Record<string, string | undefined> = toolEnvironment('FUZZ_')) {
  const path = source.FUZZ_PATH || undefined;
  const budget = number('FUZZ_BUDGET_SECONDS', source.FUZZ_BUDGET_SECONDS, (n) => n > 0);
  const config = loadConfig();
  return {
    runs: number('FUZZ_RUNS', source.FUZZ_RUNS, (n) => Number.isInteger(n) && n > 0) ?? 150,
    budgetMs: budget === undefined ? undefined : budget * 1000,
    seed:
      number('FUZZ_SEED', source.FUZZ_SEED, Number.isInteger) ?? (Date.now() ^ (Math.random() * 2 ** 31)) | 0,
    only: source.FUZZ_ONLY ? new RegExp(source.FUZZ_ONLY) : undefined,
    path,
    verbose: source.FUZZ_VERBOSE === '1' || path !== undefined,
    logLevel: source.FUZZ_LOG_LEVEL || undefined,
    databaseUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
  };
}
