/**
 * The fuzz target: the real Fastify server (buildServer) over a fresh, migrated database — an
 * in-memory PGlite, or a new database on the PostgreSQL of DATABASE_URL, dropped at the end —
 * with the local Stripe emulator and a small data set: a verified site with an onboarded seller,
 * a free and a paid lot, a wanted request, two trades, an invitation and a photo.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../apps/server/src/server.ts';
import { loadConfig } from '../packages/config/src/index.ts';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../packages/db/src/index.ts';
import { startPayments } from '../packages/payments/src/index.ts';
import { createServices, type UserActor } from '../packages/services/src/index.ts';
import {
  createTestSite,
  createTestUser,
  lotInput,
  onboardTestSeller,
  TEST_PASSWORD,
  type TestServices,
} from '../packages/services/src/testing/test-services.ts';

// sharp and pg are dependencies of the workspace packages, not of the root: resolve them there.
const requireFromServices = createRequire(new URL('../packages/services/package.json', import.meta.url));
const requireFromDb = createRequire(new URL('../packages/db/package.json', import.meta.url));

interface PgModule {
  Client: new (options: {
    connectionString: string;
  }) => {
    connect(): Promise<unknown>;
    query(sql: string): Promise<unknown>;
    end(): Promise<void>;
  };
}
type SharpModule = (options: {
  create: { width: number; height: number; channels: 3; background: string };
}) => { png(): { toBuffer(): Promise<Buffer> } };

export const ORIGIN = 'http://localhost:3000';
export const WEBHOOK_SECRET = `whsec_fuzz_${randomBytes(12).toString('hex')}`;

export type RoleName = 'anonymous' | 'designer' | 'owner' | 'coordinator' | 'admin';
export const ROLES: readonly RoleName[] = ['anonymous', 'designer', 'owner', 'coordinator', 'admin'];

export interface Fixture {
  baseUrl: string;
  /** The public URL better-auth trusts, sent as Origin. */
  origin: string;
  /** Cookie header per role ('' for anonymous). */
  cookies: Record<RoleName, string>;
  users: Record<Exclude<RoleName, 'anonymous'>, UserActor>;
  /** Ids of the data set, mixed into generated uuids so that calls reach past "not found". */
  knownIds: string[];
  /** Other known strings: invitation token, photo id, user e-mails. */
  known: { invitationToken: string; photoId: string; emails: string[]; siteId: string; lotId: string };
  /** Ids found in 2xx answers during the run (capped), offered to later calls. */
  harvested: string[];
  /** Ids by kind of row, for fields whose name says what they point at. */
  ids: Record<'site' | 'lot' | 'trade' | 'request' | 'basket' | 'invitation' | 'photo' | 'user', string[]>;
  engine: 'pglite' | 'postgres';
  /** What the server logged as errors since the last call (message and first app frame). */
  takeServerErrors(): string[];
  close(): Promise<void>;
}

async function openDatabase(
  url: string | undefined,
): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!url) {
    const handle = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
    return { handle, drop: async () => {} };
  }
  const pg = requireFromDb('pg') as PgModule;
  const name = `retaille_fuzz_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: target.toString(), poolSize: 10 });
  return {
    handle,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

function describeError(o: unknown): string {
  const err = (o as { err?: unknown })?.err ?? o;
  if (!(err instanceof Error)) return String(JSON.stringify(err)).slice(0, 300);
  const root = (err.cause instanceof Error ? err.cause : err) as Error;
  const frame = (root.stack ?? '')
    .split('\n')
    .find((l) => /\/(packages|apps)\//.test(l) && !l.includes('node_modules'))
    ?.trim()
    .replace(/^at /, '')
    .replace(/\(?\/work\/main\//, '(');
  return `${root.constructor.name}: ${root.message}${frame ? ` — ${frame}` : ''}`;
}

/**
 * Free trades left at each step of the lifecycle (accepted, pickup proposed, pickup agreed,
 * handed over, disputed), so that calls on the later transitions meet a trade they apply to.
 */
async function stagedTrades(
  services: TestServices,
  seller: UserActor,
  buyer: UserActor,
  lotId: string,
): Promise<string[]> {
  const day = 86_400_000;
  const slot = { start: new Date(Date.now() + day), end: new Date(Date.now() + day + 3_600_000) };
  const steps = [
    (id: string) => services.trades.accept(seller, id),
    (id: string) => services.trades.proposePickup(seller, id, slot),
    (id: string) => services.trades.agreePickup(buyer, id),
    (id: string) => services.trades.handOver(seller, id, '1'),
    (id: string) => services.trades.openDispute(buyer, id, 'Planche fendue'),
  ];
  const ids: string[] = [];
  for (let depth = 1; depth <= steps.length; depth++) {
    try {
      const trade = await services.trades.request(buyer, { lotId, quantity: 1 });
      for (const step of steps.slice(0, depth)) await step(trade.id);
      ids.push(trade.id);
    } catch (e) {
      console.log(`fuzz: could not stage a trade at step ${depth}: ${e instanceof Error ? e.message : e}`);
    }
  }
  return ids;
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status} ${await r.text()}`);
  const cookies = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='));
  if (!cookies.some((c) => c.includes('session_token'))) throw new Error(`no session cookie for ${email}`);
  return cookies.join('; ');
}

interface FixtureOptions {
  databaseUrl?: string | undefined;
  logLevel?: string | undefined;
}

export async function startFixture(options: FixtureOptions = {}): Promise<Fixture> {
  const { handle: database, drop } = await openDatabase(options.databaseUrl);
  const undo: (() => Promise<unknown>)[] = [];
  try {
    return await populate(database, drop, options, undo);
  } catch (e) {
    // A failed setup must not leave a server, an emulator or a PostgreSQL database behind.
    for (const step of undo.reverse()) await step().catch(() => {});
    database.pool.on('error', () => {});
    await database.close().catch(() => {});
    await drop().catch(() => {});
    throw e;
  }
}

async function populate(
  database: DatabaseHandle,
  drop: () => Promise<void>,
  options: FixtureOptions,
  undo: (() => Promise<unknown>)[],
): Promise<Fixture> {
  await migrateToLatest(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: options.logLevel ?? 'silent',
    PUBLIC_URL: ORIGIN,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // The fuzzer signs in once per role and then sends garbage to the auth routes as anonymous:
    // keep the IP limiter out of the way so those bodies reach better-auth.
    AUTH_IP_MAX_REQUESTS: '10000',
  });
  const payments = await startPayments(config, { webhookRetryDelayMs: 20 });
  undo.push(() => payments.stop());
  const services = (await createServices({ config, database, payments })) as TestServices;
  Object.assign(services, { database, emulator: payments.emulator });

  const app = await buildServer({ config, services });
  // With logging off Fastify's logger is a shared no-op object (request loggers included): its
  // error method is where the 500s' causes go, so keep them for the report.
  const serverErrors: string[] = [];
  (app.log as unknown as { error: (o: unknown) => void }).error = (o: unknown) => {
    serverErrors.push(describeError(o));
  };
  await app.listen({ port: 0, host: '127.0.0.1' });
  undo.push(() => app.close());
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  payments.emulator?.setWebhookUrl(`${baseUrl}/api/webhooks/stripe`);

  const admin = await createTestUser(services, { roles: ['admin'] });
  const coordinator = await createTestUser(services, { roles: ['coordinator'], departements: ['69'] });
  const owner = await createTestUser(services);
  const designer = await createTestUser(services, { roles: ['designer'] });
  const site = await createTestSite(services, owner, { postalCode: '69001' });
  await onboardTestSeller(services, owner, site.id);
  // The account.updated webhook that enables the seller is delivered asynchronously.
  await payments.emulator?.idle();
  await database.db.updateTable('site').set({ vat_rate_bps: 2000 }).where('id', '=', site.id).execute();

  const sharp = requireFromServices('sharp') as SharpModule;
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#a0522d' } })
    .png()
    .toBuffer();
  const photo = await services.photos.upload(owner, png);
  const freeLot = await services.lots.create(owner, lotInput(site.id, { photoIds: [photo.id] }));
  const paidLot = await services.lots.create(
    owner,
    lotInput(site.id, {
      title: 'Chutes de lin',
      materialKey: 'linen',
      unit: 'kg',
      quantity: 50,
      dimensions: {},
      priceCents: 200,
    } as never),
  );
  const request = await services.requests.create(designer, {
    title: 'Chêne pour tabourets',
    description: '',
    materialKeys: ['oak'],
    acceptSubstitutes: true,
    unit: 'piece',
    quantityMin: 1,
    quantityMax: 5,
    maxDistanceKm: 50,
    point: { kind: 'point', lat: 45.76, lon: 4.83 },
  });
  const freeTrade = await services.trades.request(designer, { lotId: freeLot.id, quantity: 2 });
  const paidTrade = await services.trades.request(designer, { lotId: paidLot.id, quantity: 5 });
  await services.trades.accept(owner, paidTrade.id);
  const staged = await stagedTrades(services, owner, designer, freeLot.id);
  // A basket of the designer (« Tout demander »), so that sourcing.basket.get meets a real one.
  const basket = await services.baskets.create(designer, {
    key: randomUUID(),
    title: 'Panier de fuzz',
    picks: [{ lineId: 'planches', lotId: freeLot.id, quantity: 1 }],
  });
  const invitation = await services.memberships.invite(owner, site.id, {
    email: 'invitee@example.test',
    role: 'member',
  });
  const invitationToken =
    new URL(invitation.url).searchParams.get('token') ?? invitation.url.split('/').pop()!;

  const users = { designer, owner, coordinator, admin };
  const cookies: Record<RoleName, string> = {
    anonymous: '',
    designer: await signIn(baseUrl, designer.email),
    owner: await signIn(baseUrl, owner.email),
    coordinator: await signIn(baseUrl, coordinator.email),
    admin: await signIn(baseUrl, admin.email),
  };

  return {
    baseUrl,
    origin: ORIGIN,
    cookies,
    users,
    knownIds: [
      site.id,
      freeLot.id,
      paidLot.id,
      request.id,
      freeTrade.id,
      paidTrade.id,
      ...staged,
      basket.id,
      invitation.invitation.id,
      photo.id,
      ...Object.values(users).map((u) => u.userId),
    ],
    harvested: [],
    ids: {
      site: [site.id],
      lot: [freeLot.id, paidLot.id],
      trade: [freeTrade.id, paidTrade.id, ...staged],
      request: [request.id],
      basket: [basket.id],
      invitation: [invitation.invitation.id],
      photo: [photo.id],
      user: Object.values(users).map((u) => u.userId),
    },
    known: {
      invitationToken,
      photoId: photo.id,
      emails: Object.values(users).map((u) => u.email),
      siteId: site.id,
      lotId: freeLot.id,
    },
    engine: options.databaseUrl ? 'postgres' : 'pglite',
    takeServerErrors: () => serverErrors.splice(0),
    close: async () => {
      await app.close();
      await payments.stop();
      database.pool.on('error', () => {});
      await database.close();
      await drop();
    },
  };
}
