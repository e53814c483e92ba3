import type { DatabaseHandle } from '@retaille/db';
import PgBoss from 'pg-boss';

/** The background jobs of the app, with their payloads. */
export interface JobPayloads {
  /** Run a network allocation (coordinators). */
  'allocation.run': { runId: string; regionCode: string | null };
  /** Tell the requesters whose requests a newly published lot fits. */
  'lot.announce': { lotId: string };
}
export type JobName = keyof JobPayloads;
export type JobHandlers = { [K in JobName]: (data: JobPayloads[K]) => Promise<unknown> };

export const jobNames: JobName[] = ['allocation.run', 'lot.announce'];

/**
 * Where jobs go. Services only `send`; the backend is chosen by the composition root:
 * - inline (tests, scripts): the handler runs at once, in the caller's flow;
 * - pg-boss (the server): a PostgreSQL-backed queue over the process's one pool (PGlite too),
 *   with retries; handlers are idempotent, so a retried job never duplicates anything.
 */
export class JobQueue {
  private backend: ((name: JobName, data: object) => Promise<void>) | null = null;
  private handlers: JobHandlers | null = null;

  bind(handlers: JobHandlers): void {
    this.handlers = handlers;
  }

  use(backend: (name: JobName, data: object) => Promise<void>): void {
    this.backend = backend;
  }

  async send<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void> {
    if (this.backend) return this.backend(name, data);
    if (!this.handlers) throw new Error(`no handler for job ${name}`);
    await this.handlers[name](data);
  }

  /** Runs a job's handler directly (the pg-boss worker calls this). */
  async run<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void> {
    if (!this.handlers) throw new Error(`no handler for job ${name}`);
    await this.handlers[name](data);
  }
}

/**
 * Starts pg-boss on the shared pool (its own `pgboss` schema, created on first start), registers
 * one worker per job and routes `send` to it.
 */
export async function startPgBossQueue(
  queue: JobQueue,
  database: DatabaseHandle,
  log: (message: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const boss = new PgBoss({
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const r = await database.pool.query(text, values as unknown[]);
        return { rows: r.rows };
      },
    },
    schema: 'pgboss',
    schedule: false,
  });
  boss.on('error', (e: Error) => log(`job queue: ${e.message}`));
  await boss.start();
  for (const name of jobNames) {
    await boss.createQueue(name);
    await boss.work<object>(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await queue.run(name, job.data as never);
    });
  }
  queue.use(async (name, data) => {
    await boss.send(name, data, { retryLimit: 3, retryDelay: 5, retryBackoff: true });
  });
  return {
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
