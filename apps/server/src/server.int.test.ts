import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Services } from '@retaille/services';
import { createTestServices, createTestUser, TEST_PASSWORD } from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

let services: Services;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices({ BODY_LIMIT_BYTES: '65536' });
  await services.seedDemo();
  const web = await mkdtemp(join(tmpdir(), 'retaille-web-'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Retaille</title><div id="root"></div>');
  await mkdir(join(web, 'assets'));
  await writeFile(
    join(web, 'assets', 'index-abc123.js'),
    'console.log(1);\n//# sourceMappingURL=index-abc123.js.map',
  );
  await writeFile(join(web, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/main.tsx"]}');
  app = await buildServer({ config: services.config, services, webDistDir: web });
  await app.ready();
  // The demo network (100 manufactures and their trades) takes a while on a loaded machine.
}, 300_000);
afterAll(async () => {
  await app.close();
  await services.database.close();
});

describe('HTTP', () => {
  it('GET /healthz answers ok with the database reachable', async () => {
    const r = await app.inject('/healthz');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok' });
  });

  it('serves the web app at / and client routes, with security headers', async () => {
    const r = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<div id="root">');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const deep = await app.inject({ url: '/sites/abc', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
  });

  it('serves the built assets but never a source map, even one left in the build', async () => {
    expect((await app.inject('/assets/index-abc123.js')).statusCode).toBe(200);
    for (const accept of ['*/*', 'text/html']) {
      const map = await app.inject({ url: '/assets/index-abc123.js.map', headers: { accept } });
      expect(map.statusCode).toBe(404);
      expect(map.body).not.toContain('sources');
    }
    expect((await app.inject('/assets/index-abc123.js.map?x=1')).statusCode).toBe(404);
  });

  it('answers 404 for unknown API routes and non-HTML requests', async () => {
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
    expect((await app.inject('/trpc/sites.nothing')).statusCode).toBe(404);
    expect(
      (await app.inject({ url: '/nothing.json', headers: { accept: 'application/json' } })).statusCode,
    ).toBe(404);
  });

  it('answers 413 for an oversized body and 400 for broken JSON, never 500', async () => {
    const c = new TestClient(app, services.config.publicUrl);
    const user = await createTestUser(services);
    await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
    const big = await c.mutate('sites.create', { name: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const broken = await app.inject({
      method: 'POST',
      url: '/trpc/sites.create',
      headers: { 'content-type': 'application/json', 'x-retaille-csrf': '1' },
      payload: '{"name": ',
    });
    expect(broken.statusCode).toBeLessThan(500);
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('batches tRPC calls over plain HTTP', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { pageSize: 2 }, 1: { q: 'nanterre', limit: 1 } }));
    const r = await app.inject(`/trpc/sites.list,geo.searchCommunes?batch=1&input=${input}`);
    expect(r.statusCode).toBe(200);
    const [sites, communes] = r.json() as [
      { result: { data: { items: unknown[]; total: number } } },
      { result: { data: { name: string }[] } },
    ];
    expect(sites.result.data.items).toHaveLength(2);
    expect(sites.result.data.total).toBeGreaterThanOrEqual(5);
    expect(communes.result.data[0]?.name).toBe('Nanterre');
  });

  it('returns field errors in French and English for invalid input', async () => {
    const c = new TestClient(app, services.config.publicUrl);
    const user = await createTestUser(services);
    await c.auth('/sign-in/email', { email: user.email, password: TEST_PASSWORD });
    const r = await c.mutate<unknown>('sites.create', {
      name: '',
      address: 'a',
      postalCode: '75001',
      sectors: ['bois'],
      territoryType: 'qpv',
    });
    expect(r.status).toBe(400);
    expect(r.error.data.fields).toContainEqual({
      path: 'name',
      key: 'site.name.required',
      fr: 'Le nom du site est obligatoire.',
      en: 'The site name is required.',
    });
  });

  it('refuses anonymous mutations with 401 before reading the input', async () => {
    const r = await new TestClient(app, services.config.publicUrl).mutate('sites.create', { name: '' });
    expect(r.status).toBe(401);
  });
});
