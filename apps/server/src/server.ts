import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { type AppRouter, appRouter, type Context, createInnerContext, translate } from '@retaille/api';
import { impactFiltersInput } from '@retaille/api/client';
import type { Config } from '@retaille/config';
import { isDomainError } from '@retaille/domain';
import { AUTH_BASE_PATH, MAX_PHOTO_BYTES, type Services, STRIPE_WEBHOOK_PATH } from '@retaille/services';
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';

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

const CSRF_HEADER = 'x-retaille-csrf';

function photoError(key: string, params?: Record<string, string | number>) {
  return {
    error: {
      status: 400,
      key,
      fields: [{ path: 'photo', key, fr: translate(key, 'fr', params), en: translate(key, 'en', params) }],
    },
  };
}

export interface BuildServerOptions {
  config: Config;
  services: Services;
  /** Directory of the built web app; omitted in API-only tests. */
  webDistDir?: string | undefined;
}

/** The HTTP shell: tRPC at /trpc, health, the built web app at /. No business rules here. */
export async function buildServer({
  config,
  services,
  webDistDir,
}: BuildServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 5000 },
    trustProxy: config.NODE_ENV === 'production',
  });

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
        : status === 404
          ? 'error.notFound'
          : status === 500
            ? 'error.internal'
            : 'validation.failed';
    void reply
      .status(status)
      .send({ error: { status, key, message: status === 500 ? 'Internal error' : error.message } });
  });

  app.get('/healthz', async (_req, reply) => {
    try {
      if (await services.health()) return { status: 'ok' };
    } catch {
      // reported below
    }
    return reply.status(503).send({ status: 'unavailable' });
  });

  // Authentication endpoints (better-auth): sign-up, sign-in, sign-out, verification, reset.
  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
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

  // Lot photos: multipart upload (signed-in users, CSRF header), and the resized images.
  await app.register(multipart, { limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 0 } });
  app.post('/api/photos', async (req, reply) => {
    if (req.headers[CSRF_HEADER] !== '1')
      return reply.status(403).send({ error: { status: 403, key: 'error.csrf' } });
    const actor = await services.resolveActor(webHeaders(req));
    if (actor.kind !== 'user')
      return reply.status(401).send({ error: { status: 401, key: 'error.unauthenticated' } });
    let data: Buffer;
    try {
      const file = await req.file();
      if (!file) return reply.status(400).send(photoError('photo.empty'));
      data = await file.toBuffer();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        return reply.status(413).send(photoError('photo.tooLarge', { maxMb: MAX_PHOTO_BYTES / 1024 / 1024 }));
      }
      return reply.status(400).send(photoError('photo.notAnImage'));
    }
    try {
      return await services.photos.upload(actor, data);
    } catch (e) {
      if (isDomainError(e)) {
        const field = e.details.fields?.[0];
        return reply.status(400).send(photoError(field?.key ?? e.key, field?.params));
      }
      throw e;
    }
  });
  app.get<{ Params: { id: string }; Querystring: { size?: string } }>(
    '/api/photos/:id',
    async (req, reply) => {
      const photo = await services.photos.read(req.params.id, req.query.size === 'thumb' ? 'thumb' : 'image');
      if (!photo) return reply.status(404).send({ error: { status: 404, key: 'error.notFound' } });
      return reply
        .type(photo.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(photo.data);
    },
  );

  // Impact exports: the dashboard's filters in the query string, the session's scope.
  for (const format of ['csv', 'json'] as const) {
    app.get<{ Querystring: Record<string, string> }>(`/api/impact/export.${format}`, async (req, reply) => {
      const { kind = 'lines', ...query } = req.query;
      const filters = impactFiltersInput.safeParse(query);
      if (!filters.success || (kind !== 'lines' && kind !== 'aggregates')) {
        return reply.status(400).send({ error: { status: 400, key: 'validation.failed' } });
      }
      try {
        const actor = await services.resolveActor(webHeaders(req));
        const file = await services.impact.export(actor, filters.data, { format, kind });
        return reply
          .type(file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.body);
      } catch (e) {
        if (isDomainError(e)) {
          const status =
            { UNAUTHENTICATED: 401, FORBIDDEN: 403, VALIDATION: 400, NOT_FOUND: 404 }[e.code as string] ??
            409;
          return reply.status(status).send({ error: { status, key: e.key } });
        }
        throw e;
      }
    });
  }

  // Stripe webhooks: verified on the exact raw bytes, so this scope parses JSON bodies as a Buffer.
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post(STRIPE_WEBHOOK_PATH, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? ''));
      const signature = req.headers['stripe-signature'];
      try {
        const result = await services.trades.handleStripeWebhook(
          raw,
          Array.isArray(signature) ? signature[0] : signature,
        );
        return { received: true, ...result };
      } catch (e) {
        if (isDomainError(e) && e.code === 'VALIDATION') {
          return reply.status(400).send({ error: { status: 400, key: e.key } });
        }
        throw e;
      }
    });
  });

  // CSRF: cookie-authenticated tRPC mutations must carry a custom header, which a cross-site
  // form cannot send and a cross-site script cannot add without a CORS preflight we never allow.
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'POST' && req.url.startsWith('/trpc') && req.headers[CSRF_HEADER] !== '1') {
      return reply
        .status(403)
        .send({ error: { status: 403, key: 'error.csrf', message: 'Missing CSRF header' } });
    }
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req }): Promise<Context> =>
        createInnerContext({
          services,
          actor: await services.resolveActor(webHeaders(req)),
          locale: req.headers['accept-language']?.startsWith('en') ? 'en' : 'fr',
        }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  const dist = webDistDir ? resolve(webDistDir) : undefined;
  const hasWeb = dist !== undefined && existsSync(resolve(dist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: dist, wildcard: false, index: ['index.html'] });
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/trpc') || request.url.startsWith('/api');
    const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (hasWeb && !isApi && wantsHtml) {
      // Client-side routes: the SPA decides what to show (including its own 404 page).
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({ error: { status: 404, key: 'error.notFound', message: 'Not found' } });
  });

  return app;
}
