import { createHash } from 'node:crypto';
import { type DatabaseHandle, sqlExecutor } from '@retaille/db';
import PgBoss from 'pg-boss';
import { type JobQueue, jobNames } from './job-queue.ts';

const TICK_QUEUE = 'timers.tick';
const QUEUE_CREATE_ATTEMPTS = 8;
/** Jobs fetched at once per queue and process (see the worker below). */
export const JOB_BATCH_SIZE = 25;

/** A stable UUID (version 5 layout) for an idempotency key, as pg-boss job ids must be UUIDs. */
export function jobIdOf(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface StartedJobQueue {
  /** False once `stop` was called. */
  running(): boolean;
  /** Jobs waiting per queue. */
  queueSizes(): Promise<Record<string, number>>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The pg-boss adapter of the `JobQueue` port. Only a composition root starts it (apps/server/main.ts,
 * the crash test): services receive the `JobQueue` and never know which backend runs it.
 *
 * Starts pg-boss on the shared pool (its own `pgboss` schema, created on first start), creates
 * the queues and routes `JobQueue` transactions to it. With `workers` (the default) it also runs
 * one worker per job; without, this process only queues (the crash test's writer).
 */
export async function startPgBossQueue(
  queue: JobQueue,
  database: DatabaseHandle,
  log: (message: string) => void,
  options: {
    workers?: boolean;
    /**
     * A periodic task run once per interval across every process sharing the database: each worker
     * process offers a `timers.tick` job per time slot (pg-boss singletonSeconds), only one is
     * created, and one worker runs it.
     */
    periodic?: { everySeconds: number; run: () => Promise<void> };
    /** Told of every job run, for metrics. */
    onJob?: (name: string, outcome: 'completed' | 'failed', seconds: number) => void;
  } = {},
): Promise<StartedJobQueue> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const r = await database.pool.query(text, values as unknown[]);
        return { rows: r.rows };
      },
    },
    schema: 'pgboss',
    schedule: false,
    supervise: options.workers !== false,
  });
  boss.on('error', (e: Error) => log(`job queue: ${e.message}`));
  await boss.start();
  const timed = async (name: string, work: () => Promise<void>) => {
    const started = performance.now();
    try {
      await work();
      options.onJob?.(name, 'completed', (performance.now() - started) / 1000);
    } catch (e) {
      options.onJob?.(name, 'failed', (performance.now() - started) / 1000);
      throw e;
    }
  };
  // Several processes may start at once against one database (a rolling deploy, two servers and a
  // worker): PostgreSQL may then pick one `create_queue` as a deadlock victim (40P01) or see a
  // duplicate. The queue the other process created is what we wanted, so look again and retry.
  const ensureQueue = async (name: string) => {
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) return;
      try {
        await boss.createQueue(name);
        return;
      } catch (e) {
        if (attempt >= QUEUE_CREATE_ATTEMPTS) throw e;
        log(`job queue: creating ${name} collided with another process (${(e as Error).message}), retrying`);
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
  };
  for (const name of jobNames) {
    await ensureQueue(name);
    if (options.workers === false) continue;
    // pg-boss fetches one batch, runs it, then waits out the rest of the polling interval: a backlog
    // (a demo seeded at startup, a burst of trades) drained at one batch per second and queue, 25
    // notices a second. A full batch says more may be waiting: the worker is told to fetch again at
    // once; a partial one waits for the interval. Each job of a batch runs on its own; if any failed
    // the batch is retried (after its retry delay), which idempotent handlers allow (ADR 009).
    let workerId: string | undefined;
    workerId = await boss.work<object>(
      name,
      { pollingIntervalSeconds: 1, batchSize: JOB_BATCH_SIZE },
      async (jobs) => {
        let failure: unknown;
        for (const job of jobs) {
          try {
            await timed(name, () => queue.run(name, job.data as never));
          } catch (e) {
            failure ??= e;
          }
        }
        if (failure !== undefined) throw failure;
        if (jobs.length === JOB_BATCH_SIZE && workerId !== undefined) boss.notifyWorker(workerId);
      },
    );
  }
  let offer: ReturnType<typeof setInterval> | undefined;
  const periodic = options.workers === false ? undefined : options.periodic;
  if (periodic) {
    await ensureQueue(TICK_QUEUE);
    await boss.work(TICK_QUEUE, { pollingIntervalSeconds: 1, batchSize: 1 }, async () => {
      await timed(TICK_QUEUE, periodic.run);
    });
    const offerTick = () =>
      boss
        .send(TICK_QUEUE, {}, { singletonKey: TICK_QUEUE, singletonSeconds: periodic.everySeconds })
        .catch((e: Error) => log(`job queue: ${e.message}`));
    await offerTick();
    offer = setInterval(() => void offerTick(), Math.max(1, periodic.everySeconds / 2) * 1000);
    offer.unref();
  }
  let running = true;
  queue.use(async (trx, name, data, options) => {
    const id = await boss.send(name, data, {
      retryLimit: 3,
      retryDelay: 5,
      retryBackoff: true,
      // The transaction's own connection: the job commits or rolls back with the state change.
      db: sqlExecutor(trx),
      // A keyed job has an id derived from its key: pg-boss inserts it once (ON CONFLICT DO NOTHING).
      ...(options?.key === undefined ? {} : { id: jobIdOf(options.key) }),
    });
    // pg-boss answers null when the queue does not exist, or when a keyed job is already queued.
    if (id === null && options?.key === undefined) throw new Error(`job ${name} was not queued`);
  });
  return {
    running: () => running,
    queueSizes: async () => {
      const sizes: Record<string, number> = {};
      for (const name of periodic ? [...jobNames, TICK_QUEUE] : jobNames) {
        sizes[name] = await boss.getQueueSize(name);
      }
      return sizes;
    },
    stop: async (timeoutMs = 5000) => {
      clearInterval(offer);
      running = false;
      // Graceful: no new job is fetched, and the ones running get `timeoutMs` to finish.
      await boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
    },
  };
}
