import type { Database, Kysely, Transaction } from '@retaille/db';

/** The background jobs of the app, with their payloads. */
export interface JobPayloads {
  /** Run a network allocation (coordinators). */
  'allocation.run': { runId: string; regionCode: string | null };
  /** Tell the requesters whose requests a newly published lot fits. */
  'lot.announce': { lotId: string };
  /** Send a message recorded in `mail_outbox` by a committed transaction (SMTP only). */
  'mail.deliver': { mailId: string };
  /** Tell the parties of a trade event (queued with the transition; see notifications/). */
  'trade.notify': { tradeId: string; eventId: string; event: string };
  /** Recompute the impact records an older method computed (queued at startup, once per method version). */
  'impact.upgrade': { methodVersion: string };
}
export type JobName = keyof JobPayloads;
export type JobHandlers = { [K in JobName]: (data: JobPayloads[K]) => Promise<unknown> };

export const jobNames: JobName[] = [
  'allocation.run',
  'lot.announce',
  'mail.deliver',
  'trade.notify',
  'impact.upgrade',
];

export interface EnqueueOptions {
  /** Idempotency key: a job queued again under the same key (a retried transaction) is not queued twice. */
  key?: string;
}

/** Queues a job as part of the current transaction. */
export type Enqueue = <K extends JobName>(
  name: K,
  data: JobPayloads[K],
  options?: EnqueueOptions,
) => Promise<void>;

/** What a service needs to change state and queue the consequences in one transaction. */
export interface JobTransactions {
  transaction<T>(work: (trx: Transaction<Database>, enqueue: Enqueue) => Promise<T>): Promise<T>;
}

/** A backend writes the job with the transaction's own connection, so it commits or rolls back with it. */
export type JobBackend = (
  trx: Transaction<Database>,
  name: JobName,
  data: object,
  options?: EnqueueOptions,
) => Promise<void>;

/** Jobs that may be queued before their consumer is bound: without a handler they are dropped. */
const DEFAULT_HANDLERS: Partial<JobHandlers> = { 'trade.notify': async () => undefined };

/**
 * Where jobs go. Services queue jobs only inside `transaction`, so a state change and its
 * consequences are one atomic write (docs/decisions/009-transactional-side-effects.md):
 * - inline (tests, scripts): the handlers run in the caller's flow once the transaction has committed;
 * - pg-boss (the server): the job row is inserted by the transaction itself, over the process's
 *   one pool (PGlite too); a crash right after the commit loses nothing, the worker picks the
 *   job up on restart. Handlers are idempotent, so a retried job never duplicates anything.
 */
export class JobQueue implements JobTransactions {
  private backend: JobBackend | null = null;
  private handlers: JobHandlers | null = null;

  constructor(private readonly db: Kysely<Database>) {}

  bind(handlers: JobHandlers): void {
    this.handlers = handlers;
  }

  /** Replaces one job's handler, keeping the others (a test holds `trade.notify` back to run it itself). */
  rebind<K extends JobName>(name: K, handler: JobHandlers[K]): void {
    if (!this.handlers) throw new Error('JobQueue.rebind before bind');
    this.handlers = { ...this.handlers, [name]: handler };
  }

  use(backend: JobBackend): void {
    this.backend = backend;
  }

  async transaction<T>(work: (trx: Transaction<Database>, enqueue: Enqueue) => Promise<T>): Promise<T> {
    const backend = this.backend;
    const afterCommit: [JobName, object][] = [];
    const keys = new Set<string>();
    const result = await this.db.transaction().execute((trx) =>
      work(trx, async (name, data, options) => {
        if (options?.key !== undefined) {
          if (keys.has(options.key)) return;
          keys.add(options.key);
        }
        if (backend) await backend(trx, name, data, options);
        else afterCommit.push([name, data]);
      }),
    );
    for (const [name, data] of afterCommit) await this.run(name, data as never);
    return result;
  }

  /** Runs a job's handler directly (the pg-boss worker calls this). */
  async run<K extends JobName>(name: K, data: JobPayloads[K]): Promise<void> {
    const handler = (this.handlers?.[name] ?? DEFAULT_HANDLERS[name]) as
      | ((data: JobPayloads[K]) => Promise<unknown>)
      | undefined;
    if (!handler) throw new Error(`no handler for job ${name}`);
    await handler(data);
  }
}
