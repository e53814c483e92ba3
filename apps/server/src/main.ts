import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from '@retaille/config';
import { createDatabase, migrateToLatest } from '@retaille/db';
import {
  createServices,
  STRIPE_CONNECT_WEBHOOK_PATH,
  STRIPE_WEBHOOK_PATH,
  startPayments,
  startPgBossQueue,
} from '@retaille/services';
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
  // Live Stripe with STRIPE_SECRET_KEY; otherwise the local Stripe emulator ("mode simulation").
  // The emulator keeps a stable port and saves its state next to the database: a restart keeps
  // checkout links, onboarded accounts and payments (see docs/decisions/010).
  const payments = await startPayments(config, {
    emulatorPort: config.STRIPE_EMULATOR_PORT,
    emulatorStateFile: config.stripeEmulatorStateFile,
  });
  const services = await createServices({ config, database, payments });
  // Allocations and alert fan-out run as jobs on pg-boss, over the same pool (PGlite included).
  const jobQueue = await startPgBossQueue(services.jobs, database, (m) => console.warn(m));
  if (config.SEED_DEMO) {
    const report = await services.seedDemo();
    if (report.sites > 0) {
      console.log(
        `Données de démonstration chargées : ${report.sites} sites, ${report.lots} lots, ${report.requests} demandes (marqués « démo »).`,
      );
    }
    if (report.accounts.length > 0) {
      console.log(
        `\nComptes de DÉMONSTRATION (mot de passe : ${config.DEMO_PASSWORD}) — demo accounts, not for real use:`,
      );
      for (const a of report.accounts) console.log(`  ${a.email.padEnd(32)} ${a.roleLabel}`);
    }
  }
  const webDistDir = config.WEB_DIST_DIR ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const app = await buildServer({ config, services, webDistDir });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  payments.emulator?.setWebhookUrl(`http://127.0.0.1:${port}${STRIPE_WEBHOOK_PATH}`);
  payments.emulator?.setConnectWebhookUrl(`http://127.0.0.1:${port}${STRIPE_CONNECT_WEBHOOK_PATH}`);
  if (payments.mode === 'simulation') {
    console.log(`Paiements en mode simulation : émulateur Stripe local sur ${payments.emulator?.url}`);
  }

  // Timed trade transitions (expiries, automatic receipt, completion), retries of queued Stripe
  // calls, lot expiry and the match digests. A plain interval: runDueTimers locks each trade and re-checks its due time, so
  // overlapping runs or several server processes are safe.
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      await services.trades.runDueTimers(new Date());
      // Idempotent housekeeping: lots past their window expire; at most one digest per request a
      // day; photos attached to no lot for 24 h are deleted.
      await services.lots.expireLots();
      await services.matching.sendDigests();
      await services.photos.deleteUnattached(new Date());
    } catch (e) {
      app.log.error({ err: e }, 'trade timers failed');
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), config.TRADE_TIMER_INTERVAL_SECONDS * 1000);
  timer.unref();
  void tick();
  const engine = database.engine === 'pglite' ? `PGlite (${config.PGLITE_DATA_DIR})` : 'PostgreSQL';
  console.log(`\nRetaille est prêt : http://localhost:${config.PORT}  (base : ${engine})\n`);

  const shutdown = async () => {
    clearInterval(timer);
    await app.close();
    await jobQueue.stop();
    await payments.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
