import type { Config } from '@retaille/config';
import {
  createTestServices,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './server.ts';
import { TestClient } from './support.test-helpers.ts';

const ORIGIN = 'http://localhost:3000';
const WINDOW_S = 60;
// The throttle's clock: moved by hand, so back-off periods pass without sleeping.
let clock = Date.now();
let services: TestServices;
let app: FastifyInstance;

beforeAll(async () => {
  services = await createTestServices(
    {
      PUBLIC_URL: ORIGIN,
      AUTH_SIGNIN_MAX_FAILURES: '5',
      AUTH_SIGNIN_WINDOW_SECONDS: String(WINDOW_S),
      AUTH_SIGNIN_ACCOUNT_MAX_FAILURES: '50',
      AUTH_IP_MAX_REQUESTS: '10000',
      RATE_LIMIT_ANONYMOUS_MAX: '10000',
    },
    { now: () => new Date(clock) },
  );
  app = await buildServer({ config: services.config, services });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await services.database.close();
});

const from = (address: string) => new TestClient(app, ORIGIN, address);
const signIn = (c: TestClient, email: string, password: string) =>
  c.auth('/sign-in/email', { email, password });

describe('sign-in throttle', () => {
  it('lets at most the limit of 20 simultaneous wrong passwords reach the password check', async () => {
    const user = await createTestUser(services);
    const c = from('198.51.100.20');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(c, user.email, `wrong-password-${i}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // The counter lost nothing: the right password is refused too until the block ends.
    expect((await signIn(c, user.email, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('does not let a stranger failing from another address lock the owner out', async () => {
    const user = await createTestUser(services);
    const stranger = from('198.51.100.66');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(stranger, user.email, `guess-${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    const owner = from('203.0.113.5');
    const ok = await signIn(owner, user.email, TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(owner.hasSession).toBe(true);
  });

  it('backs off exponentially per address, and a success starts afresh', async () => {
    const user = await createTestUser(services);
    const c = from('198.51.100.77');
    for (let i = 0; i < 5; i++) expect((await signIn(c, user.email, `bad-${i}`)).statusCode).toBe(401);
    const first = await signIn(c, user.email, 'bad-5');
    expect(first.statusCode).toBe(429);
    expect(Number(first.headers['retry-after'])).toBe(WINDOW_S);

    clock += (WINDOW_S + 1) * 1000;
    expect((await signIn(c, user.email, 'bad-6')).statusCode).toBe(401);
    const second = await signIn(c, user.email, 'bad-7');
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBe(2 * WINDOW_S);

    clock += (2 * WINDOW_S + 1) * 1000;
    expect((await signIn(c, user.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await signIn(c, user.email, `again-${i}`)).statusCode).toBe(401);
    expect((await signIn(c, user.email, 'again-5')).statusCode).toBe(429);
  });

  it('stops a guess spread over 60 addresses at the per-account ceiling (50), for every address', async () => {
    const user = await createTestUser(services);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      statuses.push((await signIn(from(`10.1.0.${i + 1}`), user.email, `spread-${i}`)).statusCode);
    }
    expect(statuses.slice(0, 50).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(50).every((s) => s === 429)).toBe(true);
    const blocked = await signIn(from('203.0.113.200'), user.email, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not count a malformed attempt as a failure', async () => {
    const user = await createTestUser(services);
    const c = from('198.51.100.90');
    for (let i = 0; i < 10; i++) {
      const r = await c.auth('/sign-in/email', { email: user.email, password: 12 });
      expect(r.statusCode).toBe(400);
    }
    expect((await signIn(c, user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('tRPC batching', () => {
  const batch = (n: number, procedure = 'geo.searchCommunes') => {
    const paths = Array.from({ length: n }, () => procedure).join(',');
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { q: 'nanterre', limit: 1 }]));
    return `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  };

  it('answers up to 10 calls in one request', async () => {
    const r = await app.inject(batch(10));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toHaveLength(10);
  });

  it('refuses a batch of more than 10 calls with 400 and a bilingual message, without running any', async () => {
    for (const [n, procedure] of [
      [11, 'geo.searchCommunes'],
      [300, 'lots.search'],
    ] as const) {
      const r = await app.inject(batch(n, procedure));
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        error: {
          status: 400,
          key: 'error.batchTooLarge',
          fr: expect.stringContaining('10 au plus'),
          en: expect.stringContaining('at most 10'),
        },
      });
    }
    const post = await app.inject({
      method: 'POST',
      url: `/trpc/${Array.from({ length: 11 }, () => 'account.updateProfile').join('%2C')}?batch=1`,
      headers: { 'content-type': 'application/json', 'x-retaille-csrf': '1' },
      payload: '{}',
    });
    expect(post.statusCode).toBe(400);
    expect(post.json()).toMatchObject({ error: { key: 'error.batchTooLarge' } });
  });
});

describe('request rate and body limits', () => {
  let limited: FastifyInstance;
  beforeAll(async () => {
    const config: Config = Object.freeze({
      ...services.config,
      RATE_LIMIT_ANONYMOUS_MAX: 5,
      RATE_LIMIT_USER_MAX: 50,
      ANONYMOUS_BODY_LIMIT_BYTES: 4096,
    });
    limited = await buildServer({ config, services });
    await limited.ready();
  });
  afterAll(async () => {
    await limited.close();
  });

  it('limits anonymous tRPC traffic per address with 429, and signed-in users more generously', async () => {
    const ask = (address: string, cookie = '') =>
      limited.inject({
        url: '/trpc/geo.searchCommunes?input=%7B%22q%22%3A%22pa%22%7D',
        remoteAddress: address,
        headers: { cookie },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await ask('198.51.100.5')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await ask('198.51.100.5');
    expect(refused.json()).toMatchObject({ error: { status: 429, key: 'error.rateLimited' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address has its own budget, and each call of a batch counts.
    expect((await ask('198.51.100.6')).statusCode).toBe(200);
    const batchOf3 = `/trpc/geo.searchCommunes,geo.searchCommunes,geo.searchCommunes?batch=1&input=${encodeURIComponent(
      JSON.stringify({ 0: { q: 'pa' }, 1: { q: 'pa' }, 2: { q: 'pa' } }),
    )}`;
    const batches = [];
    for (let i = 0; i < 2; i++) {
      batches.push((await limited.inject({ url: batchOf3, remoteAddress: '198.51.100.7' })).statusCode);
    }
    expect(batches).toEqual([200, 429]);

    // A signed-in user behind the same address keeps going, on the account's larger budget.
    const user = await createTestUser(services);
    const c = new TestClient(limited, ORIGIN, '198.51.100.5');
    expect((await signIn(c, user.email, TEST_PASSWORD)).statusCode).toBe(200);
    const cookie = (c as unknown as { cookieHeader(): string }).cookieHeader();
    const userStatuses: number[] = [];
    for (let i = 0; i < 20; i++) userStatuses.push((await ask('198.51.100.5', cookie)).statusCode);
    expect(userStatuses.every((s) => s === 200)).toBe(true);
  });

  it('limits the auth endpoints per address, and refuses large bodies there and from anonymous tRPC calls', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await limited.inject({
        method: 'GET',
        url: '/api/auth/get-session',
        remoteAddress: '198.51.100.8',
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);

    const big = JSON.stringify({ email: 'x@example.test', password: 'y'.repeat(10_000) });
    const auth = await limited.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      remoteAddress: '198.51.100.9',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      payload: big,
    });
    expect(auth.statusCode).toBe(413);
    const trpc = await limited.inject({
      method: 'POST',
      url: '/trpc/sites.create',
      remoteAddress: '198.51.100.10',
      headers: { 'content-type': 'application/json', 'x-retaille-csrf': '1' },
      payload: JSON.stringify({ name: 'x'.repeat(10_000) }),
    });
    expect(trpc.statusCode).toBe(413);
    expect(trpc.json()).toMatchObject({ error: { status: 413, key: 'error.payloadTooLarge' } });
  });
});

describe('client address behind a proxy', () => {
  let prod: TestServices;
  const servers: FastifyInstance[] = [];
  beforeAll(async () => {
    // Production, better-auth's per-address limit at 10 sign-ins a minute.
    prod = await createTestServices({
      NODE_ENV: 'production',
      AUTH_SECRET: 'a-test-secret-of-at-least-thirty-two-characters',
      PUBLIC_URL: ORIGIN,
      AUTH_IP_MAX_REQUESTS: '10',
    });
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await prod.database.close();
  });
  const serve = async (overrides: Partial<Config>) => {
    const server = await buildServer({ config: { ...prod.config, ...overrides }, services: prod });
    servers.push(server);
    return server;
  };
  const spoofedSignIns = async (server: FastifyInstance, forwardedFor: (i: number) => string, n = 15) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await server.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        remoteAddress: '127.0.0.1',
        headers: { 'content-type': 'application/json', origin: ORIGIN, 'x-forwarded-for': forwardedFor(i) },
        payload: JSON.stringify({ email: `nobody-${i}-${clock}@example.test`, password: 'not-the-password' }),
      });
      statuses.push(r.statusCode);
    }
    return statuses;
  };

  it('ignores X-Forwarded-For by default, even in production: spoofed addresses do not escape the limit', async () => {
    const server = await serve({});
    const statuses = await spoofedSignIns(server, (i) => `192.0.2.${i + 1}`);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it('with TRUST_PROXY set to the proxy, takes the address the proxy appended, not what the client sent', async () => {
    const server = await serve({ TRUST_PROXY: ['127.0.0.1'] });
    const statuses = await spoofedSignIns(server, (i) => `192.0.2.${i + 1}, 203.0.113.44`);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    // Another client behind the same proxy has its own budget.
    const other = await spoofedSignIns(server, () => '203.0.113.45', 3);
    expect(other).toEqual([401, 401, 401]);
  });
});
