import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import type { Config } from '@retaille/config';
import { createDatabase, migrateToLatest } from '@retaille/db';
import { type Payments, startPayments } from '@retaille/payments';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { STRIPE_CONNECT_WEBHOOK_PATH, STRIPE_WEBHOOK_PATH } from './http-paths.ts';

/**
 * SERVER_PROCESSES > 1: this machine's share of the load balancing, with `node:cluster` (ADR 017).
 * Every worker is a whole Retaille process (HTTP on the one port, pg-boss jobs, its own pool), as
 * a second machine would be; the primary serves no request. It migrates the database before any
 * worker starts, runs the Stripe emulator in simulation (one emulator, so a checkout created by
 * one worker is refunded by another), restarts a worker that dies, gathers the workers' metrics
 * for /metrics, and on SIGTERM lets each worker drain before it stops.
 */

const METRICS_REQUEST = 'retaille:metrics';
const METRICS_ANSWER = 'retaille:metrics-answer';
/** A worker that dies this many times within a minute is a broken build, not bad luck: stop. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Whether this process is a cluster's worker, and the one that seeds the demo and schedules upgrades. */
export function clusterRole(): { worker: boolean; first: boolean } {
  return { worker: cluster.isWorker, first: !cluster.isWorker || cluster.worker?.id === 1 };
}

/** The emulator's secrets, chosen once by the primary so that every worker signs and checks alike. */
function simulationSecrets(config: Config) {
  const hex = () => randomBytes(16).toString('hex');
  return {
    STRIPE_WEBHOOK_SECRET: config.STRIPE_WEBHOOK_SECRET ?? `whsec_sim_${hex()}`,
    STRIPE_CONNECT_WEBHOOK_SECRET: config.STRIPE_CONNECT_WEBHOOK_SECRET ?? `whsec_sim_connect_${hex()}`,
    STRIPE_EMULATOR_SECRET_KEY: config.STRIPE_EMULATOR_SECRET_KEY ?? `sk_test_emulator_${hex()}`,
  };
}

/** Connections PostgreSQL gives ordinary roles: max_connections less the superuser reserve. */
async function availableConnections(database: Awaited<ReturnType<typeof createDatabase>>): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    `select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int as n`,
  );
  return rows[0]?.n ?? Number.POSITIVE_INFINITY;
}

export async function runClusterPrimary(config: Config): Promise<void> {
  // Migrations once, before any worker: N workers racing to migrate would only wait on its lock.
  if (config.database.kind !== 'postgres') throw new Error('SERVER_PROCESSES > 1 needs DATABASE_URL');
  const database = await createDatabase({ ...config.database, poolSize: 2 });
  await migrateToLatest(database.db);
  // Pools open their connections as load comes: too many would fail under load, not at start.
  const limit = await availableConnections(database);
  await database.close();
  const wanted = config.SERVER_PROCESSES * config.DATABASE_POOL_SIZE;
  if (wanted > limit) {
    console.error(
      `SERVER_PROCESSES × DATABASE_POOL_SIZE = ${config.SERVER_PROCESSES} × ${config.DATABASE_POOL_SIZE} = ${wanted} connexions, PostgreSQL n’en accepte que ${limit} : réduisez l’un ou l’autre. ` +
        `(${wanted} connections, PostgreSQL accepts ${limit}: lower one of them, or put PgBouncer in front.)`,
    );
    process.exit(1);
  }

  const workerEnv: Record<string, string> = {};
  let payments: Payments | undefined;
  if (config.paymentsMode === 'simulation' && !config.STRIPE_EMULATOR_URL) {
    const secrets = simulationSecrets(config);
    payments = await startPayments(
      { ...config, ...secrets },
      {
        emulatorPort: config.stripeEmulator.port,
        ...(config.stripeEmulator.stateFile ? { emulatorStateFile: config.stripeEmulator.stateFile } : {}),
      },
    );
    Object.assign(workerEnv, secrets, { STRIPE_EMULATOR_URL: payments.emulator?.url ?? '' });
  }

  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_ANSWER, id: message.id, text }),
      (e: Error) => worker.send({ type: METRICS_ANSWER, id: message.id, error: e.message }),
    );
  });

  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    await payments?.stop();
    process.exit(exitCode);
  };
  // Each worker drains itself (main.ts's shutdown, SHUTDOWN_TIMEOUT_SECONDS) and exits; a signal
  // during the start stops the workers started so far.
  process.once('SIGTERM', () => void stop(0));
  process.once('SIGINT', () => void stop(0));
  const restarts: number[] = [];
  const fork = () => cluster.fork(workerEnv);
  let port = 0;
  let listeningCount = 0;
  let firstListening: () => void = () => {};
  let allListening: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstListening = resolve;
  });
  const all = new Promise<void>((resolve) => {
    allListening = resolve;
  });
  cluster.on('listening', (_worker, address) => {
    port = address.port;
    listeningCount++;
    if (listeningCount === 1) firstListening();
    if (listeningCount === config.SERVER_PROCESSES) allListening();
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
    console.error(`worker ${worker.id} exited (${signal ?? code}); restarting`);
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`workers died ${restarts.length} times within a minute: stopping`);
      void stop(1);
      return;
    }
    setTimeout(() => {
      if (!stopping) fork();
    }, 500);
  });

  // The first worker seeds the demo and schedules the impact upgrade; the others start once it listens.
  fork();
  await first;
  for (let i = 1; i < config.SERVER_PROCESSES; i++) fork();
  await all;
  payments?.emulator?.setWebhookUrl(`http://127.0.0.1:${port}${STRIPE_WEBHOOK_PATH}`);
  payments?.emulator?.setConnectWebhookUrl(`http://127.0.0.1:${port}${STRIPE_CONNECT_WEBHOOK_PATH}`);
  if (payments?.emulator)
    console.log(`Paiements en mode simulation : émulateur Stripe local sur ${payments.emulator.url}`);
  console.log(
    `\nRetaille est prêt : http://localhost:${port}  (base : PostgreSQL, ${config.SERVER_PROCESSES} processus)\n`,
  );
}

/**
 * In a worker: the registry the primary reads when it gathers metrics, and the cluster's metrics
 * text for /metrics (any worker may be asked; the answer covers all of them). Outside a cluster,
 * null: the process's own registry is the answer.
 */
export function clusterMetricsSource(registry: Registry): (() => Promise<string>) | null {
  if (!cluster.isWorker) return null;
  // Constructing one installs prom-client's worker-side listener; it answers with these registries.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const waiting = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  process.on('message', (m: { type?: string; id?: number; text?: string; error?: string }) => {
    if (m?.type !== METRICS_ANSWER || m.id === undefined) return;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      setTimeout(() => {
        if (waiting.delete(id)) reject(new Error('cluster metrics: no answer from the primary'));
      }, 5000).unref();
      process.send?.({ type: METRICS_REQUEST, id });
    });
}
