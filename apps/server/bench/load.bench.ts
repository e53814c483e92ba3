/**
 * pnpm bench:load — HTTP throughput of the real server under 50 concurrent connections.
 *
 * For each engine (PostgreSQL on a scratch database created beside DATABASE_URL, and PGlite in
 * memory) it starts `apps/server/src/main.ts` as a child process, production-like (a test
 * AUTH_SECRET, logs off, the demo data seeded by the app's own seed), then runs
 * autocannon against: /healthz (the ceiling: no tRPC, one `select 1`), the anonymous distance
 * search (commune 75056, 50 km, top 20), the same search newest first, a lot page (lots.get) and a
 * signed-in trade request (trades.request as the demo designer, session cookie from /api/auth,
 * signed in again right before each run as a browser keeps its refreshed cookie, CSRF header). The
 * machine is shared, so absolute figures are noisy: every route is also given as a fraction of
 * /healthz measured in the same run.
 *
 * The server's rate limits (RATE_LIMIT_*, AUTH_IP_MAX_REQUESTS) are set high on purpose: one
 * load generator is one client address, which the production defaults would throttle at once.
 *
 * Environment:
 *   BENCH_LOAD_SECONDS      seconds per route (default 20; 3 for a CI smoke)
 *   BENCH_LOAD_CONNECTIONS  concurrent connections (default 50)
 *   BENCH_LOAD_ENGINES      comma list of postgres,pglite (default both)
 *   BENCH_LOAD_ROUTES       comma list of route names to run (default all)
 *   BENCH_LOAD_SERVER_PROCESSES  SERVER_PROCESSES of the PostgreSQL server (default 1; PGlite is one process)
 *   BENCH_LOAD_CPU_PROF     a directory: run the server with --cpu-prof and write its profile there
 *   BENCH_LOAD_NODE_ENV     the server's NODE_ENV (default test: main.ts refuses `production`
 *                           without live Stripe keys and SMTP; production only adds HSTS, the CSP
 *                           upgrade directive and Secure cookies, which cost nothing measurable)
 *   DATABASE_URL            the PostgreSQL server to create the scratch database on
 *                           (default postgres://root@127.0.0.1:5432/postgres)
 *   BENCH_LOAD_PG_TRANSPORT socket (default when the server is local and its Unix socket is in
 *                           /var/run/postgresql) or tcp: a server on the same machine is reached
 *                           through its Unix socket, as a one-machine deployment connects (no TCP
 *                           stack on either side of each query); tcp keeps the URL's host and port
 *
 * The last line is `RESULT {"rows":[…]}` (one row per engine and route).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../src/process.test-helpers.ts';
import { pgliteTarget, postgresTarget, type Target, transportOf, viaLocalSocket } from './load-targets.ts';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);
const ENGINES = (process.env.BENCH_LOAD_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim());
const ROUTE_FILTER = process.env.BENCH_LOAD_ROUTES?.split(',').map((r) => r.trim());
const CPU_PROF_DIR = process.env.BENCH_LOAD_CPU_PROF;
const SERVER_PROCESSES = process.env.BENCH_LOAD_SERVER_PROCESSES ?? '1';
const NODE_ENV = process.env.BENCH_LOAD_NODE_ENV ?? 'test';
const ADMIN_URL = viaLocalSocket(
  process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  process.env.BENCH_LOAD_PG_TRANSPORT ?? 'socket',
);
/** Shorter than the measured run: enough for the JIT and the pool to settle. */
const WARMUP_SECONDS = Math.min(3, Math.max(1, Math.round(SECONDS / 5)));

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = 'apps/server/src/main.ts';
const DESIGNER = 'createur@demo.retaille.fr';
const DEMO_PASSWORD = 'retaille-demo-2026';
const AUTH_SECRET = 'bench-load-auth-secret-not-for-production-use-0123456789';
/** Production defaults are 300 (anonymous) and 3000 (signed in) per 60 s per client. */
const RATE_LIMITS = {
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_ANONYMOUS_MAX: '1000000',
  RATE_LIMIT_USER_MAX: '1000000',
  AUTH_IP_MAX_REQUESTS: '10000',
};
const PARIS = { kind: 'commune', insee: '75056' } as const;

interface Row {
  engine: string;
  route: string;
  connections: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  healthz_rps: number;
}

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Fresh headers before each run (the signed-in route signs in again): the session's signed cookie
   * cache lasts 60 s and autocannon does not keep the refreshed cookie a browser would, so a cookie
   * from before the other routes would send every request through the session lookup.
   */
  freshHeaders?: () => Promise<Record<string, string>>;
}

const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;
const trpcGet = (procedure: string, input: unknown) =>
  `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function startServer(engine: string, target: Target): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const stripeState = join(tmpdir(), `retaille-load-stripe-${process.pid}-${port}.json`);
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV,
    AUTH_SECRET,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    SEED_DEMO: 'true',
    TRUST_PROXY: 'false',
    // Timers and digests would add background queries to the measured window.
    TRADE_TIMER_INTERVAL_SECONDS: '3600',
    // The Stripe emulator (simulation mode) on its own port and state file, beside other servers.
    STRIPE_EMULATOR_PORT: String(await freePort()),
    STRIPE_EMULATOR_STATE_FILE: stripeState,
    ...RATE_LIMITS,
    ...target.env,
    SERVER_PROCESSES: engine === 'postgres' ? SERVER_PROCESSES : '1',
  };
  // Simulation mode and the dev outbox: nothing leaves the machine.
  delete env.STRIPE_SECRET_KEY;
  delete env.STRIPE_WEBHOOK_SECRET;
  delete env.SMTP_URL;
  if (!target.env.DATABASE_URL) delete env.DATABASE_URL;
  // As the image and `pnpm start` run it (a 32 MB young generation, see docs/scaling.md).
  const profArgs: string[] = ['--max-semi-space-size=32'];
  if (CPU_PROF_DIR) {
    // One file per thread (CPU.<date>.<pid>.<thread>…): tsx's loader thread writes a small one
    // too; the main thread's is the large one.
    mkdirSync(join(CPU_PROF_DIR, engine), { recursive: true });
    profArgs.push('--cpu-prof', `--cpu-prof-dir=${join(CPU_PROF_DIR, engine)}`);
  }
  const child: ChildProcess = spawn(process.execPath, [...profArgs, '--import', 'tsx', MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (dead) throw new Error(`server (${engine}) exited before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server (${engine}) not ready after 180 s:\n${output}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && output.includes('Retaille est prêt')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (dead) return;
      // SIGTERM runs main's shutdown (so --cpu-prof writes its profile on exit).
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timeout);
      await rm(stripeState, { force: true });
    },
  };
}

/** Signs in through better-auth's HTTP endpoint; returns the Cookie header of the session. */
async function signIn(url: string, email: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in as ${email}: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (cookies.length === 0) throw new Error(`sign-in as ${email}: no session cookie`);
  return cookies.join('; ');
}

interface LotHit {
  id: string;
  available: number;
  unit: string;
}

async function trpcJson<T>(url: string, path: string, init?: RequestInit): Promise<T> {
  const r = await fetch(`${url}${path}`, init);
  const text = await r.text();
  if (!r.ok) throw new Error(`${path.split('?')[0]}: ${r.status} ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** The routes, resolved against the seeded data: a lot near Paris and a trade the designer may request. */
async function buildRoutes(url: string): Promise<Route[]> {
  const distanceInput = { point: PARIS, radiusKm: 50, sort: 'distance', limit: 20 };
  const newestInput = { ...distanceInput, sort: 'newest' };
  const { items } = await trpcJson<{ items: LotHit[] }>(url, trpcGet('lots.search', distanceInput));
  if (items.length === 0) throw new Error('the seeded catalogue has no lot within 50 km of Paris');
  const signedInHeaders = async () => ({
    'content-type': 'application/json',
    'x-retaille-csrf': '1',
    cookie: await signIn(url, DESIGNER),
  });
  const tradeHeaders = await signedInHeaders();
  // A request reserves nothing, so the lot with the most left stays requestable for the whole run.
  const candidates = [...items].sort((a, b) => b.available - a.available);
  let tradeLot: LotHit | undefined;
  const refused: string[] = [];
  for (const lot of candidates) {
    try {
      await trpcJson(url, '/trpc/trades.request', {
        method: 'POST',
        headers: tradeHeaders,
        body: JSON.stringify({ lotId: lot.id, quantity: 1 }),
      });
      tradeLot = lot;
      break;
    } catch (e) {
      refused.push((e as Error).message);
    }
  }
  if (!tradeLot) throw new Error(`no lot near Paris accepts a trade request:\n${refused.join('\n')}`);
  const routes: Route[] = [
    { name: 'healthz', method: 'GET', path: '/healthz' },
    { name: 'search-distance', method: 'GET', path: trpcGet('lots.search', distanceInput) },
    { name: 'search-newest', method: 'GET', path: trpcGet('lots.search', newestInput) },
    { name: 'lot-get', method: 'GET', path: trpcGet('lots.get', { id: items[0]?.id }) },
    {
      name: 'trade-request',
      method: 'POST',
      path: '/trpc/trades.request',
      headers: tradeHeaders,
      freshHeaders: signedInHeaders,
      body: JSON.stringify({ lotId: tradeLot.id, quantity: 1 }),
    },
  ];
  return routes.filter((r) => r.name === 'healthz' || !ROUTE_FILTER || ROUTE_FILTER.includes(r.name));
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Errors other than timeouts: a broken route rather than an overloaded one. */
  hardErrors: number;
  detail: string;
}

async function load(url: string, route: Route, seconds: number): Promise<Measure> {
  const result = await autocannon({
    url: `${url}${route.path}`,
    method: route.method,
    connections: CONNECTIONS,
    duration: seconds,
    ...(route.headers ? { headers: route.headers } : {}),
    ...(route.body ? { body: route.body } : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts timeouts among `errors` too.
    errors: result.errors + result.non2xx,
    hardErrors: result.errors - result.timeouts + result.non2xx,
    detail:
      result.errors + result.non2xx > 0
        ? `  (timeouts ${result.timeouts}, non-2xx ${result.non2xx}, other ${result.errors - result.timeouts})`
        : '',
  };
}

/** Routes that answered errors other than timeouts (a broken route, not an overloaded one). */
const broken: string[] = [];

async function benchEngine(engine: string): Promise<Row[]> {
  const target = engine === 'postgres' ? await postgresTarget(ADMIN_URL) : await pgliteTarget();
  let server: RunningServer | undefined;
  try {
    const started = Date.now();
    server = await startServer(engine, target);
    console.log(
      `\n${engine}: server ready in ${round((Date.now() - started) / 1000)} s (migrations + demo seed)`,
    );
    const routes = await buildRoutes(server.url);
    const rows: Row[] = [];
    let healthz = Number.NaN;
    console.log(
      `${'route'.padEnd(16)} ${'req/s'.padStart(8)} ${'×healthz'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)}`,
    );
    for (const route of routes) {
      const fresh = async () =>
        route.freshHeaders ? { ...route, headers: await route.freshHeaders() } : route;
      await load(server.url, await fresh(), WARMUP_SECONDS);
      const m = await load(server.url, await fresh(), SECONDS);
      if (route.name === 'healthz') healthz = m.rps;
      if (m.hardErrors > 0) broken.push(`${engine}/${route.name}`);
      rows.push({
        engine,
        route: route.name,
        connections: CONNECTIONS,
        rps: round(m.rps),
        p50_ms: round(m.p50),
        p99_ms: round(m.p99),
        errors: m.errors,
        healthz_rps: round(healthz),
      });
      console.log(
        `${route.name.padEnd(16)} ${round(m.rps).toFixed(0).padStart(8)} ${round(m.rps / healthz, 3)
          .toFixed(3)
          .padStart(
            9,
          )} ${String(round(m.p50)).padStart(7)} ${String(round(m.p99)).padStart(7)} ${String(m.errors).padStart(7)}${m.detail}`,
      );
    }
    return rows;
  } finally {
    await server?.stop();
    await target.cleanup();
  }
}

async function main() {
  const engines = ENGINES.filter((e) => e === 'postgres' || e === 'pglite');
  if (engines.length === 0)
    throw new Error(`BENCH_LOAD_ENGINES: expected postgres and/or pglite, got ${ENGINES}`);
  const web = existsSync(`${ROOT}apps/web/dist/index.html`) ? 'served' : 'not built (API only)';
  console.log(
    `pnpm bench:load — ${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP_SECONDS} s of warm-up; engines: ${engines.join(', ')}; web app ${web}; server NODE_ENV=${NODE_ENV}, logs off; SERVER_PROCESSES=${SERVER_PROCESSES} on PostgreSQL, reached by ${transportOf(ADMIN_URL)}`,
  );
  console.log(
    `Rate limits set HIGH on purpose (one load generator is one client): ${Object.entries(RATE_LIMITS)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')} — production defaults are 300 anonymous / 3000 signed-in requests per 60 s per client.`,
  );
  const rows: Row[] = [];
  for (const engine of engines) rows.push(...(await benchEngine(engine)));
  if (CPU_PROF_DIR) console.log(`\nCPU profiles of the server in ${CPU_PROF_DIR}`);
  const failed = rows.filter((r) => r.errors > 0);
  if (failed.length > 0) {
    console.log(`\nErrors on: ${failed.map((r) => `${r.engine}/${r.route} (${r.errors})`).join(', ')}`);
  }
  if (broken.length > 0) console.log(`Errors other than timeouts on: ${broken.join(', ')}`);
  console.log(`RESULT ${JSON.stringify({ rows })}`);
  // Timeouts are figures (PGlite serialises everything); anything else means a route is broken.
  if (broken.length > 0) process.exitCode = 1;
}

await main();
