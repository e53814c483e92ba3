import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { createTestServices, type TestServices } from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';

let s: TestServices;
let app: FastifyInstance;
let draining = false;
const search = `/trpc/lots.search?input=${encodeURIComponent(
  JSON.stringify({ point: { kind: 'commune', insee: '75056' }, radiusKm: 50, limit: 20 }),
)}`;

beforeAll(async () => {
  s = await createTestServices({ METRICS_TOKEN: 'a-metrics-token-of-some-length' });
  app = await buildServer({ config: s.config, services: s, draining: () => draining });
});

afterAll(async () => {
  await app.close();
  await s.database.close();
});

describe('/metrics', () => {
  it('names the series: requests and latency per procedure, jobs, queue, trades, payment effects, pool', async () => {
    expect((await app.inject({ url: search })).statusCode).toBe(200);
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    const r = await app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer a-metrics-token-of-some-length' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    const text = r.body;
    expect(text).toMatch(
      /^retaille_http_requests_total\{route="trpc:lots.search",method="GET",status="200"\} 1$/m,
    );
    expect(text).toMatch(/^retaille_http_request_duration_seconds_count\{route="trpc:lots.search"\} 1$/m);
    for (const series of [
      'retaille_jobs_total',
      'retaille_job_duration_seconds',
      'retaille_job_queue_depth',
      'retaille_trades',
      'retaille_payment_effects',
      'retaille_db_pool_connections',
      'retaille_process_cpu_seconds_total',
    ]) {
      expect(text).toContain(`# TYPE ${series} `);
    }
    expect(text).toMatch(/^retaille_payment_effects\{status="failed"\} 0$/m);
    expect(text).toMatch(/^retaille_db_pool_connections\{state="total"\} \d+$/m);
  });

  it('labels unknown procedures as such, so a client cannot mint label values', async () => {
    await app.inject({ url: '/trpc/made.up.name' });
    const text = (
      await app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer a-metrics-token-of-some-length' },
      })
    ).body;
    expect(text).toContain('route="trpc:unknown"');
    expect(text).not.toContain('made.up.name');
  });
});

describe('/readyz and request ids', () => {
  it('is ready with the database up and migrations at HEAD, and 503 once draining', async () => {
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { database: true, migrations: true, jobQueue: true, accepting: true },
    });
    draining = true;
    try {
      const closing = await app.inject({ url: '/readyz' });
      expect(closing.statusCode).toBe(503);
      expect(closing.json().checks.accepting).toBe(false);
    } finally {
      draining = false;
    }
  });

  it("echoes the caller's x-request-id, or makes one", async () => {
    const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(given.headers['x-request-id']).toBe('lb-1234.abc');
    const made = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0000' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('HTTP caching of anonymous reads', () => {
  it('lets an anonymous GET of lots.search be cached briefly, never one with a cookie', async () => {
    const anonymous = await app.inject({ url: search });
    expect(anonymous.headers['cache-control']).toBe('public, max-age=30');
    expect(anonymous.headers.vary).toMatch(/cookie/);
    const withCookie = await app.inject({ url: search, headers: { cookie: 'x=1' } });
    expect(withCookie.headers['cache-control']).toBeUndefined();
    const me = await app.inject({ url: '/trpc/account.me' });
    expect(me.headers['cache-control']).toBeUndefined();
  });
});

describe('tRPC answers', () => {
  it('are sent whole, with their length, and compressed in one piece when the client accepts it', async () => {
    // Twenty communes: over the compression threshold (1 kB).
    const url = `/trpc/geo.searchCommunes?input=${encodeURIComponent(JSON.stringify({ q: 'Saint', limit: 20 }))}`;
    const plain = await app.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['transfer-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(plain.body));
    expect(Buffer.byteLength(plain.body)).toBeGreaterThan(1024);
    const packed = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
    expect(packed.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(packed.rawPayload).toString()).toBe(plain.body);
    expect(packed.headers.vary).toMatch(/accept-encoding/i);
    // An error keeps its status and JSON body.
    const bad = await app.inject({ url: `/trpc/lots.get?input=${encodeURIComponent('{"id":"x"}')}` });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error).toBeDefined();
  });
});

describe('anonymous read cache', () => {
  it('answers the same anonymous search from memory within its seconds, never a request with a cookie', async () => {
    const cached = await buildServer({ config: { ...s.config, anonymousReadCacheSeconds: 30 }, services: s });
    try {
      const first = await cached.inject({ url: search });
      expect(first.statusCode).toBe(200);
      expect(first.headers['x-cache']).toBeUndefined();
      const second = await cached.inject({ url: search });
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      expect(second.headers['content-type']).toBe(first.headers['content-type']);
      expect(second.headers['cache-control']).toBe('public, max-age=30');
      const english = await cached.inject({ url: search, headers: { 'accept-language': 'en' } });
      expect(english.headers['x-cache']).toBeUndefined();
      const signedIn = await cached.inject({ url: search, headers: { cookie: 'x=1' } });
      expect(signedIn.headers['x-cache']).toBeUndefined();
      // Errors are never kept.
      const bad = `/trpc/lots.search?input=${encodeURIComponent(JSON.stringify({ radiusKm: -1 }))}`;
      expect((await cached.inject({ url: bad })).statusCode).toBe(400);
      expect((await cached.inject({ url: bad })).headers['x-cache']).toBeUndefined();
    } finally {
      await cached.close();
    }
  });
});

describe('the web build', () => {
  it('caches hashed assets for a year, revalidates index.html, and sends precompressed files', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'retaille-dist-'));
    const js = `console.log(${JSON.stringify('x'.repeat(4000))});`;
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>Retaille</title>');
    await writeFile(join(dist, 'assets', 'index-abc123.js'), js);
    await writeFile(join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(js));
    const web = await buildServer({ config: s.config, services: s, webDistDir: dist });
    try {
      const asset = await web.inject({
        url: '/assets/index-abc123.js',
        headers: { 'accept-encoding': 'br' },
      });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-encoding']).toBe('br');
      for (const url of ['/', '/lots/123']) {
        const page = await web.inject({ url, headers: { accept: 'text/html' } });
        expect(page.statusCode).toBe(200);
        expect(page.headers['cache-control']).toBe('no-cache');
      }
    } finally {
      await web.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
