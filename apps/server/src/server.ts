import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { type AppRouter, appRouter, type Context, createInnerContext, translate } from '@retaille/api';
import type { Config } from '@retaille/config';
import {
  type Actor,
  AUTH_BASE_PATH,
  anonymous,
  type Services,
  type StartedJobQueue,
} from '@retaille/services';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { AnonymousReadCache } from './anonymous-read-cache.ts';
import { Metrics, routeLabel } from './metrics.ts';
import { impactExportRoutes } from './routes/impact-export.ts';
import { observabilityRoutes } from './routes/observability.ts';
import { photoRoutes } from './routes/photos.ts';
import { CSRF_HEADER } from './routes/route-context.ts';
import { stripeWebhookRoutes } from './routes/stripe-webhooks.ts';

/** Fastify's headers as Web Headers, with the client address as Fastify sees it (trustProxy). */
function webHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(key, Array.isArray(value) ? value.join(', ') : String(value));
  }
  // Never trust a client-sent X-Forwarded-For: rate limits key on this value.
  headers.set('x-forwarded-for', req.ip);
  return headers;
}

type Params = Record<string, string | number>;

/** The JSON error body of the non-tRPC routes: the real status, a message key and its two texts. */
function errorBody(status: number, key: string, params?: Params, message?: string) {
  return {
    error: {
      status,
      key,
      fr: translate(key, 'fr', params),
      en: translate(key, 'en', params),
      ...(message ? { message } : {}),
    },
  };
}

/** Fastify's trustProxy from TRUST_PROXY; a hop count as the function proxy-addr builds for one. */
function trustProxy(
  setting: Config['TRUST_PROXY'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/** The procedure names of a tRPC HTTP request (`/trpc/a,b,c?batch=1`), or undefined when it is not a batch. */
function batchedPaths(url: string): string[] | undefined {
  const parsed = new URL(url, 'http://x');
  if (parsed.searchParams.get('batch') !== '1') return undefined;
  let path = parsed.pathname.slice('/trpc/'.length);
  try {
    path = decodeURIComponent(path);
  } catch {
    // left as sent; tRPC answers the malformed path itself
  }
  return path.split(',');
}

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
const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Anonymous read-only procedures whose answer does not depend on who asks: a GET without a cookie
 * may be cached for a short while by the browser or a CDN (a new lot shows up within 30 s).
 */
const CACHEABLE_PROCEDURES = new Set([
  'lots.search',
  'sites.list',
  'geo.searchCommunes',
  'impact.factors.list',
  'impact.factors.get',
]);
const ANONYMOUS_READ_CACHE = 'public, max-age=30';

function cacheableRead(req: FastifyRequest): boolean {
  if (req.method !== 'GET' || req.headers.cookie || req.headers.authorization) return false;
  const end = req.url.indexOf('?');
  const names = req.url
    .slice('/trpc/'.length, end === -1 ? undefined : end)
    .replaceAll('%2C', ',')
    .split(',');
  return names.every((name) => CACHEABLE_PROCEDURES.has(name));
}

/** The HTTP shell: tRPC at /trpc, health, the built web app at /. No business rules here. */
export async function buildServer({
  config,
  services,
  webDistDir,
  metrics = new Metrics(services.database),
  jobQueue,
  observabilityOnly = false,
  draining = () => false,
}: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Structured JSON lines (pino); one line per request, written below with its route and time.
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
  });

  // Every answer carries the request id (the proxy's, or ours), and each request is one log line
  // and one sample of its route's latency.
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req.url, req.routeOptions.url);
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(route, req.method, reply.statusCode, seconds);
    req.log.info(
      {
        method: req.method,
        url: req.url,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(observabilityRoutes, { config, services, metrics, jobQueue, draining });
  if (observabilityOnly) return app;

  // Compressed answers (brotli at a fast level for dynamic bodies, gzip); the web build's
  // precompressed .br/.gz files are served as they are by the static plugin below.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });

  // The session behind a request, resolved once whichever hook or handler asks first. Without a
  // cookie there is no session: anonymous at once, no session lookup in the database.
  const actors = new WeakMap<FastifyRequest, Promise<Actor>>();
  const actorOf = (req: FastifyRequest): Promise<Actor> => {
    let actor = actors.get(req);
    if (!actor) {
      actor = req.headers.cookie ? services.resolveActor(webHeaders(req)) : Promise.resolve(anonymous);
      actors.set(req, actor);
    }
    return actor;
  };

  // Rate limits (in memory, per process): per address for anonymous clients, per account for
  // signed-in ones, with one bucket per route group. Each group's limiter is added as a hook below.
  await app.register(rateLimit, {
    global: false,
    timeWindow: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Rate limit exceeded, retry in ${context.after}`,
    }),
  });
  const clientAddress = (req: FastifyRequest) => `ip:${normalizeIP(req.ip, 64)}`;
  const bySession = {
    keyGenerator: async (req: FastifyRequest) => {
      const actor = await actorOf(req);
      return actor.kind === 'user' ? `user:${actor.userId}` : clientAddress(req);
    },
    max: (_req: FastifyRequest, key: string) =>
      key.startsWith('user:') ? config.RATE_LIMIT_USER_MAX : config.RATE_LIMIT_ANONYMOUS_MAX,
  };
  const limitBySession = () => app.rateLimit(bySession);
  const limitByAddress = () =>
    app.rateLimit({ keyGenerator: clientAddress, max: config.RATE_LIMIT_ANONYMOUS_MAX });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null,
      },
    },
    hsts: config.NODE_ENV === 'production',
    crossOriginEmbedderPolicy: false,
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    const key =
      status === 413
        ? 'error.payloadTooLarge'
        : status === 429
          ? 'error.rateLimited'
          : status === 404
            ? 'error.notFound'
            : status === 500
              ? 'error.internal'
              : 'validation.failed';
    void reply
      .status(status)
      .send(errorBody(status, key, {}, status === 500 ? 'Internal error' : error.message));
  });

  // Source maps are never served, even if a build left some beside the assets.
  app.addHook('onRequest', async (req, reply) => {
    if (new URL(req.url, 'http://x').pathname.endsWith('.map')) {
      return reply.status(404).send(errorBody(404, 'error.notFound'));
    }
  });

  // Authentication endpoints (better-auth): sign-up, sign-in, sign-out, verification, reset.
  // Small bodies only, and a per-address limit in front of better-auth's own per-endpoint ones.
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    bodyLimit: config.ANONYMOUS_BODY_LIMIT_BYTES,
    onRequest: limitByAddress(),
    handler: async (req, reply) => {
      const url = new URL(req.url, config.publicUrl);
      const body = req.method === 'POST' && req.body !== undefined ? JSON.stringify(req.body) : undefined;
      const response = await services.handleAuthRequest(
        new Request(url, { method: req.method, headers: webHeaders(req), ...(body ? { body } : {}) }),
      );
      reply.status(response.status);
      for (const [key, value] of response.headers) {
        if (key === 'set-cookie' || key === 'content-length') continue;
        reply.header(key, value);
      }
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : null);
    },
  });

  const routes = { services, actorOf, limitBySession };
  await app.register(photoRoutes, routes);
  await app.register(impactExportRoutes, routes);
  await app.register(stripeWebhookRoutes, { services });

  // CSRF: cookie-authenticated tRPC mutations must carry a custom header, which a cross-site
  // form cannot send and a cross-site script cannot add without a CORS preflight we never allow.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'POST' && req.url.startsWith('/trpc') && req.headers[CSRF_HEADER] !== '1') {
      return reply
        .status(403)
        .send({ error: { status: 403, key: 'error.csrf', message: 'Missing CSRF header' } });
    }
  });

  // tRPC, in its own scope: the session's rate limit, then a batch of at most TRPC_MAX_BATCH_SIZE
  // calls (one HTTP request must not fan out into hundreds of queries), then the anonymous body limit.
  // Each call of a batch counts against the rate limit, so a batch costs what its calls cost.
  const countCall = app.createRateLimit(bySession);
  /** Contexts of anonymous GETs of CACHEABLE_PROCEDURES (see responseMeta). */
  const cacheableContexts = new WeakSet<Context>();
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      const paths = batchedPaths(req.url);
      const max = config.TRPC_MAX_BATCH_SIZE;
      if (paths && paths.length > max) {
        return reply.status(400).send(errorBody(400, 'error.batchTooLarge', { max, count: paths.length }));
      }
      for (let i = 0; i < (paths?.length ?? 1); i++) {
        const limit = await countCall(req);
        if (!limit.isAllowed && limit.isExceeded) {
          return reply
            .status(429)
            .header('retry-after', String(limit.ttlInSeconds))
            .send(errorBody(429, 'error.rateLimited'));
        }
      }
      if (req.method === 'POST' && (await actorOf(req)).kind === 'anonymous') {
        const length = Number(req.headers['content-length'] ?? Number.POSITIVE_INFINITY);
        if (!(length <= config.ANONYMOUS_BODY_LIMIT_BYTES)) {
          return reply.status(413).send(errorBody(413, 'error.payloadTooLarge'));
        }
      }
    });
    // After the rate limit: a cached answer still counts against the caller's limit.
    if (config.anonymousReadCacheSeconds > 0) {
      const cache = new AnonymousReadCache({
        ttlMs: config.anonymousReadCacheSeconds * 1000,
        maxEntries: 1000,
      });
      scope.addHook('onRequest', async (req, reply) => {
        if (cacheableRead(req) && cache.serveOrCapture(req, reply)) return reply;
      });
    }
    await scope.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        maxBatchSize: config.TRPC_MAX_BATCH_SIZE,
        createContext: async ({ req }): Promise<Context> => {
          const ctx = createInnerContext({
            services,
            actor: await actorOf(req),
            locale: req.headers['accept-language']?.startsWith('en') ? 'en' : 'fr',
          });
          if (cacheableRead(req)) cacheableContexts.add(ctx);
          return ctx;
        },
        // tRPC writes its answer itself, so its headers are set here rather than in a Fastify hook.
        responseMeta: ({ ctx, type, errors }) =>
          ctx && cacheableContexts.has(ctx) && type === 'query' && errors.length === 0
            ? {
                headers: {
                  'cache-control': ANONYMOUS_READ_CACHE,
                  vary: 'trpc-accept, accept, cookie, accept-language',
                },
              }
            : {},
        onError({ error, path }) {
          if (error.code === 'INTERNAL_SERVER_ERROR')
            app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });

  const dist = webDistDir ? resolve(webDistDir) : undefined;
  const hasWeb = dist !== undefined && existsSync(resolve(dist, 'index.html'));
  if (hasWeb) {
    // preCompressed: the web build writes .br/.gz beside each asset (apps/web/vite.config.ts).
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      // Hashed files under /assets never change: cached for a year. index.html names the current
      // ones, so it is revalidated on every visit.
      cacheControl: false,
      setHeaders: (reply, path) => {
        const relative = path.slice(dist.length).replaceAll('\\', '/');
        reply.header(
          'cache-control',
          relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/trpc') || request.url.startsWith('/api');
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && !isApi && wantsHtml) {
      // Client-side routes: the SPA decides what to show (including its own 404 page).
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: { status: 404, key: 'error.notFound', message: 'Not found' } });
  });

  return app;
}
