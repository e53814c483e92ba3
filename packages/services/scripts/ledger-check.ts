/**
 * `pnpm ledger:check`: verifies the double-entry journal of the configured database (DATABASE_URL,
 * or the embedded PGlite directory — stop the server first, PGlite is single-process), prints the
 * totals and exits non-zero on any imbalance.
 */
import { loadConfig } from '@retaille/config';
import { createDatabase } from '@retaille/db';
import { checkLedger, formatLedgerCheck } from '../src/trades/ledger-check.ts';

const config = loadConfig();
const database = await createDatabase(config.database);
let code = 0;
try {
  const check = await checkLedger(database.db);
  console.log(formatLedgerCheck(check));
  code = check.balanced ? 0 : 1;
} catch (e) {
  console.error(`ledger:check a échoué : ${e instanceof Error ? e.message : String(e)}`);
  code = 2;
} finally {
  await database.close();
}
process.exit(code);
