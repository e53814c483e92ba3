import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@retaille/config';
import { createDatabase, migrateToLatest } from '@retaille/db';
import { createServices } from '@retaille/services';
import { buildServer } from './server.ts';

/** Composition root: config → database → services → HTTP. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const database = await createDatabase(config.database);
  await migrateToLatest(database.db);
  const services = await createServices({ config, database });
  if (config.SEED_DEMO) {
    const report = await services.seedDemo();
    if (report.sites > 0)
      console.log(`Données de démonstration chargées : ${report.sites} sites (marqués « démo »).`);
  }
  const webDistDir = config.WEB_DIST_DIR ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const app = await buildServer({ config, services, webDistDir });
  await app.listen({ port: config.PORT, host: config.HOST });
  const engine = database.engine === 'pglite' ? `PGlite (${config.PGLITE_DATA_DIR})` : 'PostgreSQL';
  console.log(`\nRetaille est prêt : http://localhost:${config.PORT}  (base : ${engine})\n`);

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
