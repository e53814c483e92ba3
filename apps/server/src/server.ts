import { randomUUID } from 'node:crypto';
import type { Config } from '@retaille/config';
import type { Services, StartedJobQueue } from '@retaille/services';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { Metrics } from './metrics.ts';
import { csrfGuard } from './plugins/csrf-guard.ts';
import { compression, securityDefaults } from './plugins/http-defaults.ts';
import { REQUEST_ID_HEADER, requestLog } from './plugins/request-log.ts';
import { sessionsAndLimits } from './plugins/sessions-and-limits.ts';
import { authRoutes } from './routes/auth.ts';
import { impactExportRoutes } from './routes/impact-export.ts';
import { observabilityRoutes } from './routes/observability.ts';
import { photoRoutes } from './routes/photos.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhooks.ts';
import { anonymousCaller, trpcRoutes } from './routes/trpc.ts';
import { webAppRoutes } from './routes/web-app.ts';

export interface BuildServerOptions {
  config: Config;
  services: Services;
  /** Directory of the built web app; omitted in API-only tests. */
  webDistDir?: string | undefined;
  /** This process's metrics (the job queue reports to them too); a fresh registry when absent. */
  metrics?: Metrics;
  /** This process's job queue, for /readyz and the queue depth in /metrics. */
  jobQueue?: StartedJobQueue | undefined;
  /** Worker mode: only /healthz, /readyz and /metrics. */
  observabilityOnly?: boolean;
  /** True once shutdown began (then /readyz answers 503). */
  draining?: () => boolean;
}

/** An incoming X-Request-Id is kept when it looks like an id (a proxy's), else a UUID is made. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Fastify's trustProxy from TRUST_PROXY; a hop count as the function proxy-addr builds for one. */
function trustProxy(
  setting: Config['TRUST_PROXY'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

function fastifyOptions(config: Config): FastifyServerOptions {
  return {
    // Structured JSON lines (pino); one line per request, written by plugins/request-log.ts.
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (req) => {
      const given = req.headers[REQUEST_ID_HEADER];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 5000 },
    // Only the configured proxies may say who the client is: request.ip keys every rate limit.
    trustProxy: trustProxy(config.TRUST_PROXY),
  };
}

/**
 * The HTTP shell: one plugin per route group, registered in the order their hooks must run.
 * No business rules here; the composition (config → db → payments → queue → services) is main.ts.
 */
export async function buildServer({
  config,
  services,
  webDistDir,
  metrics = new Metrics(services.database),
  jobQueue,
  observabilityOnly = false,
  draining = () => false,
}: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify(fastifyOptions(config));
  await app.register(requestLog, { metrics });
  await app.register(observabilityRoutes, { config, services, metrics, jobQueue, draining });
  if (observabilityOnly) return app;

  await app.register(compression);
  const routes = await sessionsAndLimits(app, config, services);
  await app.register(securityDefaults, { config });
  await app.register(authRoutes, routes);
  await app.register(photoRoutes, routes);
  await app.register(impactExportRoutes, routes);
  await app.register(stripeWebhookRoutes, routes);
  await app.register(csrfGuard);
  await app.register(trpcRoutes, routes);
  const lotsSearch = anonymousCaller(services);
  await app.register(webAppRoutes, {
    webDistDir,
    paymentsMode: services.payments.status().mode,
    lotsWithResults: {
      isAnonymous: async (req) => (await routes.actorOf(req)).kind === 'anonymous',
      search: (input) => lotsSearch.lots.search(input as never),
      // As long as the API's own cache of anonymous reads; a moment when that cache is off.
      ttlMs: Math.max(config.anonymousReadCacheSeconds, 1) * 1000,
    },
  });
  return app;
}
