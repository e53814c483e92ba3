/**
 * `pnpm ledger:check`: verifies the double-entry journal of the configured database (DATABASE_URL,
 * or the embedded PGlite directory — stop the server first, PGlite is single-process), then
 * reconciles every paid trade: its payout and refunds against its terms, and the ledger against
 * the payment provider's own objects (live Stripe, or the emulator's saved state, read from a copy
 * so the quick start's file is never rewritten). Prints the totals and each difference with its
 * trade; exits non-zero on any imbalance or difference (1) or when it cannot check (2).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@retaille/config';
import { createDatabase, createMigrator } from '@retaille/db';
import { type Payments, startPayments } from '@retaille/payments';
import { JobQueue } from '../src/jobs/job-queue.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { formatReconciliation, ReconciliationService } from '../src/operations/reconciliation.service.ts';
import { checkLedger, formatLedgerCheck } from '../src/trades/ledger-check.ts';

const config = loadConfig();
const database = await createDatabase(config.database);
let code = 0;
let payments: Payments | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'retaille-ledger-check-'));
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
    const stateFile = config.stripeEmulator.stateFile;
    const copy = join(scratch, 'stripe-emulator.json');
    if (stateFile && existsSync(stateFile)) copyFileSync(stateFile, copy);
    payments = await startPayments(config, { emulatorPort: 0, emulatorStateFile: copy });
    const reconciliation = new ReconciliationService({
      db: database.db,
      gateway: payments.gateway,
      mailer: createMailer(config, database.db),
      jobs: new JobQueue(database.db),
      publicUrl: config.publicUrl,
      now: () => new Date(),
    });
    const report = await reconciliation.run();
    console.log(formatReconciliation(report));
    code = check.balanced && report.ok ? 0 : 1;
  }
} catch (e) {
  console.error(`ledger:check a échoué : ${e instanceof Error ? e.message : String(e)}`);
  code = 2;
} finally {
  await payments?.stop();
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 2) await database.close();
}
process.exit(code);
