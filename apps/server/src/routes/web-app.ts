import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { unencapsulated } from '../plugins/unencapsulated.ts';

/**
 * The built web app at / (when there is one) and the app's 404: an HTML navigation outside the API
 * gets index.html (the SPA routes it, its own 404 page included), anything else a JSON 404.
 * Not encapsulated: the not-found handler is the whole app's.
 */
export const webAppRoutes = unencapsulated(
  async (app: FastifyInstance, { webDistDir }: { webDistDir?: string | undefined }) => {
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
        return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
      }
      return reply.status(404).send({ error: { status: 404, key: 'error.notFound', message: 'Not found' } });
    });
  },
);
