import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UserActor } from '@retaille/services';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from './process.test-helpers.ts';

/**
 * SERVER_PROCESSES=2: main.ts as a `node:cluster` primary with two workers on one port, against
 * one PostgreSQL database (ADR 017). Each request below opens its own connection, so the
 * primary hands them to both workers in turn. PostgreSQL only.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** The pids of a process's live children running main.ts (the cluster's workers, not tsx's esbuild), from /proc. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (Number(fields[1]) === pid && fields[0] !== 'Z' && cmdline.includes('main.ts'))
        found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found.sort();
}

/** A fresh connection per request: the cluster's primary deals connections to workers in turn. */
const fresh = { connection: 'close' };

describe.skipIf(!DATABASE_URL)('SERVER_PROCESSES=2: one port, two workers (needs DATABASE_URL)', () => {
  let s: TestServices;
  let primary: ChildProcess;
  let url: string;
  let publicUrl: string;
  let seller: UserActor;
  let siteId: string;
  const output: string[] = [];
  const text = () => output.join('');

  beforeAll(async () => {
    s = await createTestServices();
    const databaseUrl = (s.database.pool.options as { connectionString: string }).connectionString;
    seller = await createTestUser(s);
    siteId = (await createTestSite(s, seller)).id;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    publicUrl = url;
    primary = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '3',
        SERVER_PROCESSES: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: publicUrl,
        STRIPE_EMULATOR_PORT: String(await freePort()),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    primary.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
    primary.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
    await eventually(
      () => (text().includes('Retaille est prêt') ? true : undefined),
      'the cluster to be ready',
      120_000,
    );
  }, 180_000);

  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await s?.database.close();
  });

  it('starts two workers behind one port, announced once; the emulator is the primary’s', () => {
    expect(childrenOf(primary.pid!)).toHaveLength(2);
    expect(text().match(/Retaille est prêt/g)).toHaveLength(1);
    expect(text()).toContain('2 processus');
    expect(text().match(/émulateur Stripe local/g)).toHaveLength(1);
  });

  it('serves a session, and the Stripe account it creates, from either worker', async () => {
    const signIn = await fetch(`${url}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: publicUrl, 'content-type': 'application/json', ...fresh },
      body: JSON.stringify({ email: seller.email, password: TEST_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const headers = { origin: publicUrl, cookie, 'x-retaille-csrf': '1', ...fresh };
    const onboard = await fetch(`${url}/trpc/payments.onboard`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ siteId }),
    });
    expect(onboard.status).toBe(200);
    // The account lives in the one emulator: every worker reads its status.
    const input = encodeURIComponent(JSON.stringify({ siteId }));
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${url}/trpc/payments.accountStatus?input=${input}`, { headers }),
      ),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(8).fill(200));
    const summaries = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${url}/trpc/notifications.summary`, { headers })),
    );
    expect(summaries.map((r) => r.status)).toEqual(Array(8).fill(200));
  });

  it('/metrics counts the requests of both workers, not only of the one that answers', async () => {
    const before = await healthzCount();
    for (let i = 0; i < 20; i++) expect((await fetch(`${url}/healthz`, { headers: fresh })).status).toBe(200);
    // Each worker saw about half of them; the answer, from either, covers all twenty.
    expect((await healthzCount()) - before).toBeGreaterThanOrEqual(20);
    const metrics = await (await fetch(`${url}/metrics`, { headers: fresh })).text();
    // Read from the shared database: one worker's value, not the sum of two.
    expect(metrics).toMatch(/retaille_payment_effects\{status="pending"\} 0\n/);
  });

  it('replaces a worker that dies, and keeps answering meanwhile', async () => {
    const [victim, survivor] = childrenOf(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    // A connection handed to the worker as it died is lost, as with any crashed server; once the
    // primary has seen the death, every new one goes to the survivor until the replacement listens.
    await eventually(
      () => (text().includes('restarting') ? true : undefined),
      'the primary to see the death',
    );
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${url}/healthz`, { headers: fresh, signal: AbortSignal.timeout(5000) });
      expect(r.status).toBe(200);
    }
    const replaced = await eventually(() => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(victim!) ? now : undefined;
    }, 'a new worker');
    expect(replaced).toContain(survivor);
    await eventually(async () => {
      const codes = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`${url}/healthz`, { headers: fresh, signal: AbortSignal.timeout(5000) }).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      );
      return codes.every((c) => c === 200) ? true : undefined;
    }, 'the new worker to answer');
  });

  it('stops every worker on SIGTERM, then itself, with exit code 0', async () => {
    const workers = childrenOf(primary.pid!);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('refuses to start more connections than PostgreSQL accepts, saying so', async () => {
    const databaseUrl = (s.database.pool.options as { connectionString: string }).connectionString;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        SERVER_PROCESSES: '64',
        DATABASE_POOL_SIZE: '200',
        PORT: String(await freePort()),
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    child.stderr!.on('data', (c: Buffer) => {
      said += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(said).toContain('64 × 200 = 12800');
    expect(said).toContain('lower one of them');
  });

  async function healthzCount(): Promise<number> {
    const metrics = await (await fetch(`${url}/metrics`, { headers: fresh })).text();
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith('retaille_http_requests_total{') && l.includes('route="/healthz"'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }
});
