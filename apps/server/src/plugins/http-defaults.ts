import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import { errorBody } from '@retaille/api';
import type { Config } from '@retaille/config';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { unencapsulated } from './unencapsulated.ts';

/** Compression of dynamic answers (the web build's precompressed files are served as they are). */
export const compression = unencapsulated(async (app: FastifyInstance) => {
  // Brotli at a fast level for dynamic bodies, gzip; see routes/web-app.ts for the static files.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
});

/** The transport errors Fastify raises itself (body too large, rate limit, …): a status and a message key. */
function transportErrorKey(status: number): string {
  switch (status) {
    case 413:
      return 'error.payloadTooLarge';
    case 429:
      return 'error.rateLimited';
    case 404:
      return 'error.notFound';
    case 500:
      return 'error.internal';
    default:
      return 'validation.failed';
  }
}

/**
 * Security headers (CSP, HSTS in production), the error handler of every route that is not tRPC's
 * (a 4xx keeps its status, anything else is a logged 500), and no source maps, ever.
 */
export const securityDefaults = unencapsulated(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    // Helmet's middleware, built once. (@fastify/helmet rebuilt it, directives parsed again, on
    // every request: ≈ 2 % of a search's CPU.) Same headers, set on the raw response as it did.
    const securityHeaders = helmet({
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
    app.addHook('onRequest', (request, reply, done) => {
      securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined));
    });

    app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
      const status =
        error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error(error);
      const message = status === 500 ? 'Internal error' : error.message;
      void reply
        .status(status)
        .send(errorBody(status, transportErrorKey(status), {}, message ? { message } : {}));
    });

    // Source maps are never served, even if a build left some beside the assets.
    app.addHook('onRequest', async (req, reply) => {
      if (new URL(req.url, 'http://x').pathname.endsWith('.map')) {
        return reply.status(404).send(errorBody(404, 'error.notFound'));
      }
    });
  },
);
