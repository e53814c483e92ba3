import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserActor } from '@retaille/services';
import {
  createTestServices,
  createTestSite,
  createTestUser,
  TEST_PASSWORD,
  type TestServices,
} from '@retaille/services/testing';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from './process.test-helpers.ts';

/**
 * Scale-out: two real server processes (main.ts under tsx) on two ports, one PostgreSQL database,
 * photos in an S3-compatible store (s3rver). Sessions, photos, trades and the periodic tick must
 * not depend on which process answers. PostgreSQL only: PGlite is one process's database.
 */
const DATABASE_URL = process.env.DATABASE_URL;
const PUBLIC_URL = 'http://localhost:3999';
const BUCKET = 'retaille-photos';
const serverDir = fileURLToPath(new URL('..', import.meta.url));

interface Child {
  process: ChildProcess;
  url: string;
  output: string[];
}

async function startServer(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, ...env, PORT: String(port), STRIPE_EMULATOR_PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('Server listening at')) {
        clearTimeout(timeout);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
  });
  return { process: child, url, output };
}

/** A signed-in browser: one session cookie, sent to whichever server it talks to. */
class Browser {
  cookie = '';
  async signIn(server: string, email: string) {
    const r = await fetch(`${server}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: PUBLIC_URL, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(r.status).toBe(200);
    this.cookie = r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  private headers(extra: Record<string, string> = {}) {
    return { origin: PUBLIC_URL, cookie: this.cookie, 'x-retaille-csrf': '1', ...extra };
  }
  async query<T>(server: string, path: string, input: unknown): Promise<T> {
    const r = await fetch(`${server}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
      headers: this.headers(),
    });
    const body = (await r.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  }
  async mutate<T>(server: string, path: string, input: unknown): Promise<T> {
    const r = await fetch(`${server}/trpc/${path}`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify(input),
    });
    const body = (await r.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  }
  async upload(server: string, data: Buffer): Promise<{ id: string; url: string }> {
    const form = new FormData();
    form.append('photo', new Blob([data], { type: 'image/png' }), 'chutes.png');
    const r = await fetch(`${server}/api/photos`, { method: 'POST', headers: this.headers(), body: form });
    expect(r.status).toBe(200);
    return (await r.json()) as { id: string; url: string };
  }
}

describe.skipIf(!DATABASE_URL)(
  'two server processes, one PostgreSQL, photos in S3 (needs DATABASE_URL)',
  () => {
    let s: TestServices;
    let db: TestServices['database']['pool'];
    let s3: S3rver;
    let s3Dir: string;
    let a: Child;
    let b: Child;
    let seller: UserActor;
    let buyer: UserActor;
    let designer: UserActor;
    let sellerSiteId: string;

    beforeAll(async () => {
      // The test's own handle on a fresh migrated clone: factories for accounts and sites.
      s = await createTestServices();
      const url = (s.database.pool.options as { connectionString: string }).connectionString;
      db = s.database.pool;
      s3Dir = await mkdtemp(join(tmpdir(), 'retaille-s3-'));
      s3 = new S3rver({
        port: await freePort(),
        address: '127.0.0.1',
        silent: true,
        directory: s3Dir,
        configureBuckets: [{ name: BUCKET, configs: [] }],
      });
      const s3Address = await s3.run();
      seller = await createTestUser(s);
      buyer = await createTestUser(s);
      designer = await createTestUser(s);
      sellerSiteId = (await createTestSite(s, seller, { postalCode: '69001' })).id;
      // Alerts for the designer: the lot posted below matches, so a digest is due.
      await s.requests.create(designer, {
        title: 'Chêne',
        description: '',
        materialKeys: ['oak'],
        acceptSubstitutes: false,
        unit: 'piece',
        quantityMin: 1,
        quantityMax: 10,
        maxDistanceKm: 30,
        point: { kind: 'commune', insee: '69123' },
      });
      const env = {
        NODE_ENV: 'test',
        DATABASE_URL: url,
        DATABASE_POOL_SIZE: '4',
        PUBLIC_URL,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        TRADE_TIMER_INTERVAL_SECONDS: '1',
        S3_ENDPOINT: `http://127.0.0.1:${s3Address.port}`,
        S3_BUCKET: BUCKET,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
        RATE_LIMIT_ANONYMOUS_MAX: '10000',
        RATE_LIMIT_USER_MAX: '10000',
      };
      const stateDir = await mkdtemp(join(tmpdir(), 'retaille-emulator-'));
      [a, b] = await Promise.all([
        startServer({ ...env, STRIPE_EMULATOR_STATE_FILE: join(stateDir, 'a.json') }),
        startServer({ ...env, STRIPE_EMULATOR_STATE_FILE: join(stateDir, 'b.json') }),
      ]);
    }, 120_000);

    afterAll(async () => {
      for (const child of [a, b]) child?.process.kill('SIGTERM');
      await Promise.all(
        [a, b].map((child) =>
          child && child.process.exitCode === null
            ? new Promise((resolve) => child.process.once('exit', resolve))
            : undefined,
        ),
      );
      await s3?.close();
      await s?.database.close();
      if (s3Dir) await rm(s3Dir, { recursive: true, force: true });
    }, 60_000);

    it('a lot posted with a photo on one server is seen with its photo on the other', async () => {
      const sellerBrowser = new Browser();
      await sellerBrowser.signIn(a.url, seller.email);
      const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8b5a2b' } })
        .png()
        .toBuffer();
      const photo = await sellerBrowser.upload(a.url, png);
      const lot = await sellerBrowser.mutate<{ id: string }>(a.url, 'lots.create', {
        siteId: sellerSiteId,
        title: 'Planches de chêne',
        description: 'Chutes de chêne massif rabotées',
        materialKey: 'oak',
        condition: 'offcut',
        unit: 'piece',
        quantity: 10,
        dimensions: { lengthMm: 1000, widthMm: 200, thicknessMm: 20 },
        priceCents: null,
        free: true,
        photoIds: [photo.id],
        publish: true,
      });

      // The same session cookie works on the other process: sessions live in the database.
      const seen = await sellerBrowser.query<{ id: string; photos: { url: string }[] }>(b.url, 'lots.get', {
        id: lot.id,
      });
      expect(seen.photos.map((p) => p.url)).toEqual([photo.url]);
      const fromB = await fetch(`${b.url}${photo.url}`);
      expect(fromB.status).toBe(200);
      expect(fromB.headers.get('content-type')).toBe('image/webp');
      const fromA = await fetch(`${a.url}${photo.url}`);
      expect(Buffer.from(await fromB.arrayBuffer())).toEqual(Buffer.from(await fromA.arrayBuffer()));
      // The bytes are in the bucket, not in the row.
      const row = await db.query('select octet_length(image) as n from lot_photo where id = $1', [photo.id]);
      expect(Number(row.rows[0].n)).toBe(0);
      expect(await readdir(join(s3Dir, BUCKET, 'photos', photo.id))).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^image\.webp/),
          expect.stringMatching(/^thumb\.webp/),
        ]),
      );

      // A trade requested on A, accepted and completed on B (and back).
      const buyerBrowser = new Browser();
      await buyerBrowser.signIn(a.url, buyer.email);
      const trade = await buyerBrowser.mutate<{ id: string; state: string }>(a.url, 'trades.request', {
        lotId: lot.id,
        quantity: '4',
      });
      expect(trade.state).toBe('requested');
      expect(
        (await sellerBrowser.mutate<{ state: string }>(b.url, 'trades.accept', { id: trade.id })).state,
      ).toBe('accepted');
      const start = new Date(Date.now() + 86_400_000);
      await sellerBrowser.mutate(b.url, 'trades.proposePickup', {
        id: trade.id,
        start: start.toISOString(),
        end: new Date(start.getTime() + 7_200_000).toISOString(),
      });
      await buyerBrowser.mutate(a.url, 'trades.agreePickup', { id: trade.id });
      await sellerBrowser.mutate(b.url, 'trades.handOver', { id: trade.id, measuredKg: '3.95' });
      const done = await buyerBrowser.mutate<{ state: string }>(b.url, 'trades.confirmReceipt', {
        id: trade.id,
        receivedKg: '3.9',
      });
      expect(done.state).toBe('completed');

      // A timed transition: a second request whose expiry is due is expired once, by one process.
      const late = await buyerBrowser.mutate<{ id: string }>(b.url, 'trades.request', {
        lotId: lot.id,
        quantity: '1',
      });
      // Its week has passed: the machine re-checks the time spent in the state, not only the timer row.
      await db.query(`update trade set state_entered_at = now() - interval '200 hours' where id = $1`, [
        late.id,
      ]);
      await db.query(`update trade_timer set due_at = now() - interval '1 second' where trade_id = $1`, [
        late.id,
      ]);
      await eventually(async () => {
        const t = await buyerBrowser.query<{ state: string }>(a.url, 'trades.get', { id: late.id });
        return t.state === 'expired' ? t : undefined;
      }, 'the request to expire');
      // A few more ticks on both processes, then count what happened.
      await new Promise((r) => setTimeout(r, 3000));
      const expiries = await db.query(
        `select count(*)::int as n from trade_event where trade_id = $1 and transition = 'expire_request'`,
        [late.id],
      );
      expect(expiries.rows[0].n).toBe(1);

      // The designer's alert: one digest e-mail, whichever process ticked.
      const digests = await eventually(async () => {
        const r = await db.query(
          `select count(*)::int as n from mail_outbox where kind = 'match-digest' and to_address = $1`,
          [designer.email],
        );
        return r.rows[0].n > 0 ? (r.rows[0].n as number) : undefined;
      }, 'the digest');
      expect(digests).toBe(1);

      // The periodic tick is one pg-boss job per time slot across both processes, and ran.
      const slots = await db.query(
        `select singleton_on, count(*)::int as n from pgboss.job where name = 'timers.tick' group by singleton_on`,
      );
      expect(slots.rows.length).toBeGreaterThan(1);
      expect(slots.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    }, 120_000);
  },
);
