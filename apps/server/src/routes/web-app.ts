import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { unencapsulated } from '../plugins/unencapsulated.ts';
import { type LotsRenderer, ServerRenderedLots } from './server-rendered-page.ts';

/**
 * Pages the web build prerenders (apps/web/src/prerender.tsx): their HTML is painted before the
 * JavaScript runs. One file per payment mode, since the simulation strip sits above every page.
 * Only the bare path: with a query (`/lots?matiere=oak`) the page differs, so it gets the shell.
 */
const PRERENDERED: Record<string, string> = { '/': 'home', '/lots': 'lots' };

/** The web build's Node bundle (apps/web/build/prerender-plugin.ts): never served. */
const SSR_DIR = 'ssr';

export interface WebAppOptions {
  webDistDir?: string | undefined;
  paymentsMode?: 'live' | 'simulation';
  /**
   * `/lots` rendered with its first page of results for anonymous visitors (server-rendered-page.ts):
   * who is anonymous, the search as an anonymous caller gets it, and how long a render is shared.
   * Without it, or when the build has no server bundle, `/lots` is the prerendered page.
   */
  lotsWithResults?: {
    isAnonymous: (request: FastifyRequest) => Promise<boolean>;
    search: (input: unknown) => Promise<unknown>;
    ttlMs: number;
  };
}

/**
 * The built web app at / (when there is one) and the app's 404: an HTML navigation outside the API
 * gets index.html (the SPA routes it, its own 404 page included), or the page's prerendered HTML
 * when the build wrote one; anything else a JSON 404.
 * Not encapsulated: the not-found handler is the whole app's.
 */
export const webAppRoutes = unencapsulated(
  async (app: FastifyInstance, { webDistDir, paymentsMode = 'live', lotsWithResults }: WebAppOptions) => {
    const dist = webDistDir ? resolve(webDistDir) : undefined;
    const hasWeb = dist !== undefined && existsSync(resolve(dist, 'index.html'));
    const prerendered = (pathname: string): string | undefined => {
      const name = PRERENDERED[pathname];
      const file = name && `prerendered/${name}.${paymentsMode}.html`;
      return file && dist && existsSync(resolve(dist, file)) ? file : undefined;
    };
    const sendPage = (reply: FastifyReply, file: string) =>
      reply.type('text/html').header('cache-control', 'no-cache').sendFile(file);
    const ssrBundle = dist && resolve(dist, SSR_DIR, 'prerender.js');
    const lotsShell = dist && resolve(dist, 'prerendered', 'lots.shell.html');
    const lotsPage =
      hasWeb && lotsWithResults && ssrBundle && lotsShell && existsSync(ssrBundle) && existsSync(lotsShell)
        ? new ServerRenderedLots({
            load: () => import(pathToFileURL(ssrBundle).href) as Promise<LotsRenderer>,
            shell: () => readFile(lotsShell, 'utf8'),
            search: lotsWithResults.search,
            mode: paymentsMode,
            ttlMs: lotsWithResults.ttlMs,
          })
        : undefined;

    if (hasWeb) {
      // preCompressed: the web build writes .br/.gz beside each asset (apps/web/vite.config.ts).
      await app.register(fastifyStatic, {
        root: dist,
        wildcard: false,
        // `/` is answered below: its prerendered HTML when there is one.
        index: false,
        preCompressed: true,
        // Hashed files under /assets never change: cached for a year. index.html names the current
        // ones, so it is revalidated on every visit.
        cacheControl: false,
        allowedPath: (pathName) => !pathName.startsWith(`/${SSR_DIR}/`),
        setHeaders: (reply, path) => {
          const relative = path.slice(dist.length).replaceAll('\\', '/');
          reply.header(
            'cache-control',
            relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler(async (request, reply) => {
      const isApi = request.url.startsWith('/trpc') || request.url.startsWith('/api');
      const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
      const root = request.url === '/' && (request.method === 'GET' || request.method === 'HEAD');
      if (lotsPage && wantsHtml && request.url === '/lots' && (await lotsWithResults?.isAnonymous(request))) {
        try {
          const html = await lotsPage.html();
          // Rendered for anonymous visitors only: a shared cache must not give it to a signed-in one.
          return reply
            .type('text/html')
            .header('cache-control', 'no-cache')
            .header('vary', 'cookie')
            .send(html);
        } catch (err) {
          request.log.warn({ err }, 'lots page not rendered with its results: the prerendered one is sent');
        }
      }
      if (hasWeb && !isApi && (wantsHtml || root)) {
        return sendPage(reply, prerendered(request.url) ?? 'index.html');
      }
      return reply.status(404).send({ error: { status: 404, key: 'error.notFound', message: 'Not found' } });
    });
  },
);
