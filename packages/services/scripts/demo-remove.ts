/**
 * `pnpm demo:remove`: removes exactly the demo rows (sites, lots, requests, users and trades marked
 * or owned by demo data, with their ledger entries, impact records and aggregates) from the
 * configured database (DATABASE_URL, or the embedded PGlite directory — stop the server first,
 * PGlite is single-process), in one transaction. Real rows are untouched. Start the server with
 * SEED_DEMO=false afterwards, or it loads the demo again into an empty database.
 */
import { loadConfig } from '@retaille/config';
import { createDatabase, createMigrator, demoDataRepository } from '@retaille/db';

const config = loadConfig();
const database = await createDatabase(config.database);
let code = 0;
try {
  const pending = (await createMigrator(database.db).getMigrations()).filter((m) => !m.executedAt);
  if (pending.length > 0) {
    console.error(
      `demo:remove : la base n'est pas à jour (${pending.length} migration(s) en attente) — démarrez le serveur une fois pour la migrer.`,
    );
    code = 2;
  } else {
    const removed = await database.db.transaction().execute((trx) => demoDataRepository.removeDemoData(trx));
    const left = await demoDataRepository.countNonDemo(database.db);
    console.log(
      `Démo retirée / demo removed: ${removed.sites} sites, ${removed.lots} lots, ${removed.requests} demandes, ` +
        `${removed.users} comptes, ${removed.trades} échanges. Restent / left: ${left.sites} sites, ${left.lots} lots, ` +
        `${left.requests} demandes, ${left.users} comptes, ${left.trades} échanges.`,
    );
  }
} catch (e) {
  console.error(`demo:remove a échoué : ${e instanceof Error ? e.message : String(e)}`);
  code = 2;
} finally {
  if (code !== 2) await database.close();
}
process.exit(code);
