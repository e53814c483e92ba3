/**
 * `pnpm ledger:check`: verifies the double-entry journal of the configured database (DATABASE_URL,
 * or the embedded PGlite directory — stop the server first, PGlite is single-process), prints the
 * totals and exits non-zero on any imbalance (1) or when it cannot check (2).
 */
import { loadConfig } from '@retaille/config';
import { createDatabase, createMigrator } from '@retaille/db';
import { checkLedger, formatLedgerCheck } from '../src/trades/ledger-check.ts';

const config = loadConfig();
const database = await createDatabase(config.database);
let code = 0;
try {
  // An unmigrated database has no journal to check; asking it anyway leaves a PGlite session in an
  // error state that hangs on close, so say so first.
  const pending = (await createMigrator(database.db).getMigrations()).filter((m) => !m.executedAt);
  if (pending.length > 0) {
    console.error(
      `ledger:check : la base n'est pas à jour (${pending.length} migration(s) en attente) — démarrez le serveur une fois pour la migrer.`,
    );
    code = 2;
  } else {
    const check = await checkLedger(database.db);
    console.log(formatLedgerCheck(check));
    code = check.balanced ? 0 : 1;
  }
} catch (e) {
  console.error(`ledger:check a échoué : ${e instanceof Error ? e.message : String(e)}`);
  code = 2;
} finally {
  if (code !== 2) await database.close();
}
process.exit(code);
