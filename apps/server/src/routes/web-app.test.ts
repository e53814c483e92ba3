import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WebAppOptions, webAppRoutes } from './web-app.ts';

let dist: string;
const servers: FastifyInstance[] = [];

async function serve(
  paymentsMode: 'live' | 'simulation',
  webDistDir = dist,
  lotsWithResults?: WebAppOptions['lotsWithResults'],
) {
  const app = Fastify();
  await app.register(webAppRoutes, { webDistDir, paymentsMode, lotsWithResults });
  servers.push(app);
  return app;
}

const html = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ url, headers: { accept: 'text/html', ...headers } });

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'retaille-prerender-'));
  await mkdir(join(dist, 'prerendered'));
  await writeFile(join(dist, 'index.html'), '<div id="root"></div>');
  for (const page of ['home', 'lots'])
    for (const mode of ['live', 'simulation']) {
      const body = `<div id="root">${page} ${mode}</div>`;
      await writeFile(join(dist, 'prerendered', `${page}.${mode}.html`), body);
      await writeFile(join(dist, 'prerendered', `${page}.${mode}.html.br`), brotliCompressSync(body));
    }
  await writeFile(join(dist, 'prerendered', 'lots.shell.html'), '<body><div id="root"></div></body>');
  // The web build's server bundle, as apps/web/src/prerender.tsx exports it.
  await mkdir(join(dist, 'ssr'));
  await writeFile(
    join(dist, 'ssr', 'prerender.js'),
    `export const lotsFirstSearch = () => ({ sort: 'newest', limit: 20 });
export async function renderLots(mode, page) {
  return { markup: '<ul>' + mode + ' ' + page.items.join(',') + '</ul>', stateScript: '<script type="application/json">{}</script>' };
}`,
  );
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dist, { recursive: true, force: true });
});

describe('prerendered pages', () => {
  it('sends / and /lots prerendered for the server’s payment mode, revalidated on each visit', async () => {
    for (const mode of ['live', 'simulation'] as const) {
      const app = await serve(mode);
      for (const [url, page] of [
        ['/', 'home'],
        ['/lots', 'lots'],
      ]) {
        const r = await html(app, url!);
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toMatch(/^text\/html/);
        expect(r.headers['cache-control']).toBe('no-cache');
        expect(r.body).toBe(`<div id="root">${page} ${mode}</div>`);
      }
    }
  });

  it('sends / even to a client that does not ask for HTML, and precompressed when it can', async () => {
    const app = await serve('live');
    expect((await app.inject('/')).body).toBe('<div id="root">home live</div>');
    const br = await html(app, '/', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
  });

  it('sends the empty shell for other pages, a query string, or a build without prerendered pages', async () => {
    const app = await serve('live');
    for (const url of ['/lots?matiere=oak', '/lots/abc', '/sites', '/lots/']) {
      expect((await html(app, url)).body).toBe('<div id="root"></div>');
    }
    const plain = await mkdtemp(join(tmpdir(), 'retaille-shell-'));
    try {
      await writeFile(join(plain, 'index.html'), '<div id="root"></div>');
      const shellOnly = await serve('simulation', plain);
      expect((await html(shellOnly, '/')).body).toBe('<div id="root"></div>');
      expect((await html(shellOnly, '/lots')).body).toBe('<div id="root"></div>');
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it('keeps JSON 404s for the API and non-HTML requests', async () => {
    const app = await serve('live');
    expect((await html(app, '/trpc/nothing')).statusCode).toBe(404);
    expect((await app.inject('/lots')).statusCode).toBe(404);
  });
});

describe('/lots with its first results', () => {
  const withResults = (
    anonymous: boolean,
    search = async (_input: unknown) => ({ items: ['oak', 'felt'] }),
  ) => ({
    isAnonymous: async () => anonymous,
    search,
    ttlMs: 0,
  });

  it('renders /lots with the first search for an anonymous visitor, revalidated on each visit', async () => {
    const search = vi.fn(async (_input: unknown) => ({ items: ['oak', 'felt'] }));
    const app = await serve('simulation', dist, withResults(true, search));
    const r = await html(app, '/lots');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers.vary).toBe('cookie');
    expect(r.body).toBe(
      '<body><div id="root"><ul>simulation oak,felt</ul></div>\n    <script type="application/json">{}</script></body>',
    );
    expect(search).toHaveBeenCalledWith({ sort: 'newest', limit: 20 });
    // Only the bare page, and never to a signed-in visitor: they get the prerendered page.
    expect((await html(app, '/lots?matiere=oak')).body).toBe('<div id="root"></div>');
    const signedIn = await serve('simulation', dist, withResults(false, search));
    expect((await html(signedIn, '/lots')).body).toBe('<div id="root">lots simulation</div>');
    expect(search).toHaveBeenCalledTimes(1);
  });

  it('sends the prerendered page when the search fails, and never serves the server bundle', async () => {
    const app = await serve(
      'live',
      dist,
      withResults(true, async () => {
        throw new Error('database down');
      }),
    );
    expect((await html(app, '/lots')).body).toBe('<div id="root">lots live</div>');
    expect((await app.inject('/ssr/prerender.js')).statusCode).toBe(404);
  });
});
