import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig, productionProblems } from '@retaille/config';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '@retaille/db';
import { type Payments, startPayments } from '@retaille/payments';
import {
  createMailer,
  createServices,
  JobQueue,
  type SeedReport,
  type StartedJobQueue,
  startPgBossQueue,
} from '@retaille/services';
import type { FastifyInstance } from 'fastify';
import { clusterRole, runClusterPrimary } from './cluster.ts';
import { AUTH_BASE_PATH, STRIPE_CONNECT_WEBHOOK_PATH, STRIPE_WEBHOOK_PATH } from './http-paths.ts';
import { Metrics } from './metrics.ts';
import { buildServer } from './server.ts';

/** The validated configuration, or the process ends listing every bad key (and, in production, every stand-in). */
function loadConfigOrExit(): Config {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  // A production server never starts on development stand-ins (secrets, Stripe emulator, outbox).
  const problems = productionProblems(config);
  if (problems.length > 0) {
    console.error(new ConfigError(problems).message);
    process.exit(1);
  }
  return config;
}

function printDemoSeed(report: SeedReport, password: string): void {
  if (report.refused) {
    const r = report.refused;
    console.warn(
      `Données de démonstration NON chargées : la base contient déjà des données réelles (${r.sites} sites, ${r.lots} lots, ${r.requests} demandes, ${r.users} comptes, ${r.trades} échanges non « démo »). ` +
        'Demo data not loaded: the database holds non-demo rows. Set SEED_DEMO=false to silence this, or SEED_DEMO_FORCE=true to load the demo next to them.',
    );
    return;
  }
  if (report.sites > 0) {
    console.log(
      `Données de démonstration chargées : ${report.sites} sites, ${report.lots} lots, ${report.requests} demandes, ${report.trades} échanges (marqués « démo » ; « pnpm demo:remove » les retire).`,
    );
  }
  if (report.accounts.length > 0) {
    console.log(`\nComptes de DÉMONSTRATION (mot de passe : ${password}) — demo accounts, not for real use:`);
    for (const a of report.accounts) console.log(`  ${a.email.padEnd(32)} ${a.roleLabel}`);
  }
}

/**
 * Graceful shutdown: /readyz turns 503, the server stops accepting and finishes in-flight
 * requests, running jobs get the rest of SHUTDOWN_TIMEOUT_SECONDS, then the pool closes.
 */
function shutdownOnSignals(o: {
  app: FastifyInstance;
  jobQueue: StartedJobQueue;
  payments: Payments;
  database: DatabaseHandle;
  config: Config;
  draining: { now: boolean };
}): void {
  const { app, jobQueue, payments, database, config, draining } = o;
  const shutdown = async (signal: string) => {
    if (draining.now) return;
    draining.now = true;
    const timeoutMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const started = Date.now();
    app.log.info({ signal, mode: config.RETAILLE_MODE }, 'shutting down');
    setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs + 2000).unref();
    try {
      await app.close();
      await jobQueue.stop(Math.max(1000, timeoutMs - (Date.now() - started)));
      await payments.stop();
      await database.close();
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The composition root: config → database → payments (the Stripe emulator starts here in
 * simulation) → job queue → services (given their ports: the gateway, the queue, the mailer, the
 * clock) → pg-boss workers → HTTP. Services start nothing themselves.
 */
async function main() {
  const config = loadConfigOrExit();
  const role = clusterRole();
  if (config.SERVER_PROCESSES > 1 && !role.worker) return runClusterPrimary(config);
  const mode = config.RETAILLE_MODE;
  const database = await createDatabase(
    config.database.kind === 'postgres'
      ? {
          ...config.database,
          poolSize: config.DATABASE_POOL_SIZE,
          preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
        }
      : config.database,
  );
  await migrateToLatest(database.db);
  // Live Stripe with STRIPE_SECRET_KEY; otherwise the local Stripe emulator ("mode simulation").
  // The emulator keeps a stable port and saves its state next to the database: a restart keeps
  // checkout links, onboarded accounts and payments (see docs/decisions/010).
  const payments = await startPayments(config, {
    emulatorPort: config.stripeEmulator.port,
    ...(config.stripeEmulator.stateFile ? { emulatorStateFile: config.stripeEmulator.stateFile } : {}),
  });
  const jobs = new JobQueue(database.db);
  const mailer = createMailer(config, database.db);
  const services = await createServices({
    config,
    database,
    payments,
    jobs,
    mailer,
    authBasePath: AUTH_BASE_PATH,
    now: () => new Date(),
  });
  const metrics = new Metrics(database);
  const draining = { now: false };
  // Allocations, alert fan-out, mail, and the periodic tick run as jobs on pg-boss, over the same
  // pool (PGlite included). A `web` process only queues jobs; `server` and `worker` run them.
  const jobQueue = await startPgBossQueue(jobs, database, (m) => console.warn(m), {
    workers: mode !== 'web',
    onJob: metrics.jobDone,
    // Timed trade transitions (expiries, automatic receipt, completion), retries of queued Stripe
    // calls, lot expiry, the match digests and unattached photos: once per interval across all
    // processes (a pg-boss singleton per time slot); each step is idempotent besides.
    periodic: {
      everySeconds: config.TRADE_TIMER_INTERVAL_SECONDS,
      run: async () => {
        await services.trades.runDueTimers(new Date());
        await services.lots.expireLots();
        await services.matching.sendDigests();
        await services.notifications.sendDigests();
        await services.photos.deleteUnattached(new Date());
        await services.signInThrottle.prune();
        // Fee reload, payouts/refunds given up on (warned once), the daily reconciliation.
        await services.operations.tick();
      },
    },
  });
  metrics.attachJobQueue(jobQueue);
  // Records an older impact method computed are recomputed by a worker, once (ADR 007). In a
  // cluster the first worker does this and the demo seed; the others start once it listens.
  if (role.first && (await services.scheduleImpactUpgrade()))
    console.log('Impact : recalcul des anciens enregistrements planifié.');
  if (role.first && config.SEED_DEMO) printDemoSeed(await services.seedDemo(), config.DEMO_PASSWORD);
  const webDistDir = config.WEB_DIST_DIR ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  const app = await buildServer({
    config,
    services,
    webDistDir,
    metrics,
    jobQueue,
    observabilityOnly: mode === 'worker',
    draining: () => draining.now,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  payments.emulator?.setWebhookUrl(`http://127.0.0.1:${port}${STRIPE_WEBHOOK_PATH}`);
  payments.emulator?.setConnectWebhookUrl(`http://127.0.0.1:${port}${STRIPE_CONNECT_WEBHOOK_PATH}`);
  // A cluster's workers share the primary's emulator, which the primary announces.
  if (payments.emulator) {
    console.log(`Paiements en mode simulation : émulateur Stripe local sur ${payments.emulator.url}`);
  }

  const engine = database.engine === 'pglite' ? `PGlite (${config.PGLITE_DATA_DIR})` : 'PostgreSQL';
  // A cluster's primary says it once every worker listens.
  if (!role.worker)
    console.log(`\nRetaille est prêt : http://localhost:${config.PORT}  (base : ${engine})\n`);

  shutdownOnSignals({ app, jobQueue, payments, database, config, draining });
}

await main();
