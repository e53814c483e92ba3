import { appRouter } from '@retaille/api';
import { type DatabaseHandle, metricsRepository } from '@retaille/db';
import type { StartedJobQueue } from '@retaille/services';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { clusterMetricsSource } from './cluster.ts';

/** Procedure names the router knows: anything else is labelled `unknown`, so labels stay bounded. */
const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/**
 * The route label of a request: the tRPC procedure (`lots.search`; `batch` for several), the
 * Fastify route pattern (`/api/photos/:id`), or `unmatched`.
 */
export function routeLabel(url: string, routePattern: string | undefined): string {
  if (url.startsWith('/trpc/')) {
    const end = url.indexOf('?');
    const path = url.slice('/trpc/'.length, end === -1 ? undefined : end);
    if (path.includes(',') || path.includes('%2C')) return 'trpc:batch';
    return PROCEDURES.has(path) ? `trpc:${path}` : 'trpc:unknown';
  }
  return routePattern ?? 'unmatched';
}

/**
 * Prometheus metrics of one process: HTTP requests and latency per procedure or route, jobs run
 * and failed, and gauges read at scrape time (queue depth, trades by state, payment effects not
 * done, pool usage). One registry per process (per `buildServer` in tests).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'retaille_http_requests_total',
    help: 'HTTP requests by route (tRPC procedure or Fastify route) and status code',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'retaille_http_request_duration_seconds',
    help: 'HTTP request duration by route (tRPC procedure or Fastify route)',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: 'retaille_jobs_total',
    help: 'Background jobs run by this process, by queue and outcome (completed, failed)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'retaille_job_duration_seconds',
    help: 'Background job duration by queue',
    labelNames: ['queue'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  private jobQueue: StartedJobQueue | undefined;
  /** In a cluster's worker: the metrics of every worker, gathered by the primary. */
  private readonly clusterText = clusterMetricsSource(this.registry);

  constructor(database: DatabaseHandle) {
    collectDefaultMetrics({ register: this.registry, prefix: 'retaille_' });
    const registers = [this.registry];
    const self = this;
    new Gauge({
      name: 'retaille_job_queue_depth',
      // Read from the shared database: in a cluster, one worker's value, not their sum.
      aggregator: 'first',
      help: 'Jobs waiting per queue (shared by every process)',
      labelNames: ['queue'] as const,
      registers,
      async collect() {
        if (!self.jobQueue) return;
        for (const [queue, size] of Object.entries(await self.jobQueue.queueSizes()))
          this.set({ queue }, size);
      },
    });
    new Gauge({
      name: 'retaille_trades',
      // Read from the shared database: in a cluster, one worker's value, not their sum.
      aggregator: 'first',
      help: 'Trades by state',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries(await metricsRepository.tradesByState(database.db)))
          this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'retaille_payment_effects',
      // Read from the shared database: in a cluster, one worker's value, not their sum.
      aggregator: 'first',
      help: 'Payment effects (queued Stripe calls) not done yet, by status (pending, failed…)',
      labelNames: ['status'] as const,
      registers,
      async collect() {
        this.reset();
        this.set({ status: 'pending' }, 0);
        this.set({ status: 'failed' }, 0);
        for (const [status, n] of Object.entries(await metricsRepository.paymentEffectsByStatus(database.db)))
          this.set({ status }, n);
      },
    });
    new Gauge({
      name: 'retaille_db_pool_connections',
      help: 'Database pool connections of this process: total, idle, and waiting clients',
      labelNames: ['state'] as const,
      registers,
      collect() {
        this.set({ state: 'total' }, database.pool.totalCount);
        this.set({ state: 'idle' }, database.pool.idleCount);
        this.set({ state: 'waiting' }, database.pool.waitingCount);
      },
    });
  }

  /** The Prometheus text for /metrics: this process's, or in a cluster every worker's. */
  text(): Promise<string> {
    return this.clusterText ? this.clusterText() : this.registry.metrics();
  }

  /** The started job queue, once there is one (its depth is read on each scrape). */
  attachJobQueue(queue: StartedJobQueue): void {
    this.jobQueue = queue;
  }

  readonly jobDone = (queue: string, outcome: 'completed' | 'failed', seconds: number): void => {
    this.jobs.inc({ queue, outcome });
    this.jobDuration.observe({ queue }, seconds);
  };

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status });
    this.latency.observe({ route }, seconds);
  }
}
