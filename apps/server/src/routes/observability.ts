import { timingSafeEqual } from 'node:crypto';
import type { Config } from '@retaille/config';
import { createMigrator } from '@retaille/db';
import type { Services, StartedJobQueue } from '@retaille/services';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.ts';

export interface ObservabilityOptions {
  config: Config;
  services: Services;
  metrics: Metrics;
  /** The process's job queue; readiness requires it running when there is one. */
  jobQueue?: StartedJobQueue | undefined;
  /** True once shutdown began: readiness fails so the load balancer stops sending traffic. */
  draining: () => boolean;
}

/** What /readyz checks, each true or false. */
export async function readiness(o: ObservabilityOptions): Promise<Record<string, boolean>> {
  const database = await o.services.health().catch(() => false);
  const migrations = database
    ? await createMigrator(o.services.database.db)
        .getMigrations()
        .then((all) => all.every((m) => m.executedAt !== undefined))
        .catch(() => false)
    : false;
  return {
    database,
    migrations,
    jobQueue: o.jobQueue ? o.jobQueue.running() : true,
    accepting: !o.draining(),
  };
}

/**
 * /healthz: the process answers and the database too (liveness, kept as it was).
 * /readyz: database reachable, migrations at HEAD, job queue running, not shutting down; 503 otherwise.
 * /metrics: Prometheus text, behind a bearer token when METRICS_TOKEN is set.
 */
export async function observabilityRoutes(app: FastifyInstance, o: ObservabilityOptions): Promise<void> {
  app.get('/healthz', async (_req, reply) => {
    try {
      if (await o.services.health()) return { status: 'ok' };
    } catch {
      // reported below
    }
    return reply.status(503).send({ status: 'unavailable' });
  });

  app.get('/readyz', async (_req, reply) => {
    const checks = await readiness(o);
    const ready = Object.values(checks).every(Boolean);
    return reply
      .status(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'unavailable', checks });
  });

  const expected = o.config.METRICS_TOKEN ? Buffer.from(`Bearer ${o.config.METRICS_TOKEN}`) : undefined;
  app.get('/metrics', async (req, reply) => {
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.status(401).send({ error: { status: 401, key: 'error.unauthenticated' } });
      }
    }
    return reply
      .type(o.metrics.registry.contentType)
      .header('cache-control', 'no-store')
      .send(await o.metrics.text());
  });
}
