/**
 * Upgrade from the previous release: a database at its migrations (up to 20261126190000, commit
 * 884444c) filled with the data that release wrote, migrated to HEAD. The rows must come through
 * unchanged, the schema must equal a fresh install's, and the current repositories must read them.
 * PGlite by default, PostgreSQL 15 with DATABASE_URL.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';
import {
  impactRepository,
  ledgerRepository,
  lotRepository,
  matchingRepository,
  membershipRepository,
  paymentAccountRepository,
  siteRepository,
  tradeRepository,
  userRepository,
  wantedRequestRepository,
} from './index.ts';
import { createMigrator, migrateToLatest, migrationsUpTo } from './migrate.ts';
import { RELEASE_LAST_MIGRATION, type ReleaseFixture, seedReleaseData } from './testing/release-fixture.ts';
import { createScratchDatabase, type ScratchDatabase } from './testing/scratch-database.ts';
import { createTestDatabase } from './testing/test-database.ts';

/**
 * Columns whose old values a migration is MEANT to rewrite (a data migration), with the reason;
 * the table's other columns must still keep every value. Anything else that changes is data lost
 * or corrupted by an upgrade.
 */
const INTENDED_REWRITES: Record<string, { columns: string[]; reason: string }> = {
  lot: {
    columns: ['earth_point'],
    reason: '20261204170000: points of lots edited before the fix get their per-lot offset (ADR 005)',
  },
};

interface TableFingerprint {
  columns: string[];
  rows: number;
  digest: string;
}

async function tables(db: Kysely<any>): Promise<string[]> {
  const r = await sql<{ t: string }>`
    select table_name as t from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%'
    order by 1`.execute(db);
  return r.rows.map((x) => x.t);
}

async function columnsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const r = await sql<{ c: string }>`
    select column_name as c from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return r.rows.map((x) => x.c);
}

/** Row count and an order-independent digest of the given columns' values. */
async function fingerprint(db: Kysely<any>, table: string, columns: string[]): Promise<TableFingerprint> {
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const r = await sql<{ n: number; digest: string }>`
    select count(*)::int4 as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
    from (select ${cols} from ${sql.table(table)}) t`.execute(db);
  return { columns, rows: r.rows[0]!.n, digest: r.rows[0]!.digest };
}

/** The shape of the public schema: columns with type, nullability and default; indexes; constraints. */
async function schemaShape(db: Kysely<any>): Promise<string[]> {
  const cols = await sql<{ s: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
           || coalesce(column_default, '') as s
    from information_schema.columns where table_schema = 'public' and table_name not like 'kysely\\_%'`.execute(
    db,
  );
  const idx = await sql<{ s: string }>`
    select 'index ' || indexdef as s from pg_indexes
    where schemaname = 'public' and tablename not like 'kysely\\_%'`.execute(db);
  const cons = await sql<{ s: string }>`
    select 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as s
    from pg_constraint where connamespace = 'public'::regnamespace`.execute(db);
  return [...cols.rows, ...idx.rows, ...cons.rows].map((x) => x.s).sort();
}

let scratch: ScratchDatabase;
let h: DatabaseHandle;
let fixture: ReleaseFixture;
let before: Map<string, TableFingerprint>;
let upgradeStartedAt: Date;
const release = migrationsUpTo(RELEASE_LAST_MIGRATION);

beforeAll(async () => {
  scratch = await createScratchDatabase();
  h = scratch.handle;
  await migrateToLatest(h.db, release);
  fixture = await seedReleaseData(h.db as Kysely<any>);
  before = new Map();
  for (const t of await tables(h.db)) {
    const columns = await columnsOf(h.db, t);
    before.set(t, await fingerprint(h.db, t, columns));
    const rewritten = INTENDED_REWRITES[t]?.columns;
    if (rewritten)
      before.set(
        `${t}:kept`,
        await fingerprint(
          h.db,
          t,
          columns.filter((c) => !rewritten.includes(c)),
        ),
      );
  }
  // Kysely stamps executed migrations with the client's clock.
  upgradeStartedAt = new Date();
  await migrateToLatest(h.db);
});
afterAll(() => scratch?.close());

describe(`upgrade from the release at ${RELEASE_LAST_MIGRATION} to HEAD`, () => {
  it('starts from the release schema with its data in every main table', () => {
    expect(Object.keys(release).length).toBeGreaterThanOrEqual(7);
    for (const t of ['site', 'lot', 'trade', 'ledger_entry', 'impact_record', 'impact_monthly', 'auth_user'])
      expect(before.get(t)?.rows, t).toBeGreaterThan(0);
  });

  it('runs only the new migrations, and all of them', async () => {
    const list = await createMigrator(h.db).getMigrations();
    expect(list.map((m) => m.name)).toEqual(Object.keys(migrations));
    for (const m of list) {
      expect(m.executedAt, m.name).toBeDefined();
      const old = m.name in release;
      // Release migrations ran before the upgrade (never again); the new ones during it.
      expect(m.executedAt!.getTime() < upgradeStartedAt.getTime(), m.name).toBe(old);
    }
  });

  it('keeps every row of every table, value for value', async () => {
    const changed: string[] = [];
    for (const [table, old] of before) {
      if (table.includes(':')) continue;
      const rewritten = INTENDED_REWRITES[table]?.columns ?? [];
      const kept = old.columns.filter((c) => !rewritten.includes(c));
      const then = rewritten.length ? before.get(`${table}:kept`)! : old;
      const now = await fingerprint(h.db, table, kept).catch((e: Error) => ({
        columns: old.columns,
        rows: -1,
        digest: `unreadable: ${e.message}`,
      }));
      if (now.rows !== then.rows || now.digest !== then.digest)
        changed.push(`${table}: ${then.rows} rows before, ${now.rows} after (${now.digest.slice(0, 40)})`);
    }
    expect(changed).toEqual([]);
  });

  it('gives every lot its per-lot offset point, so distance pages neither skip nor repeat', async () => {
    const lots = await h.db.selectFrom('lot').select(['id', 'lat', 'lon']).execute();
    expect(lots.length).toBeGreaterThan(1);
    for (const l of lots) {
      const r = await sql<{ d: number }>`
        select earth_distance(earth_point, ${lotRepository.earthPointFor(l.id, l.lat, l.lon)}) as d
        from lot where id = ${l.id}`.execute(h.db);
      expect(r.rows[0]!.d, l.id).toBeLessThan(1e-6);
    }
    // The release wrote the edited lots' points without it: the site point itself.
    const tied = await sql<{ n: number }>`
      select count(*)::int4 as n from lot where earth_distance(earth_point, ll_to_earth(lat, lon)) = 0`.execute(
      h.db,
    );
    expect(tied.rows[0]!.n).toBe(0);
  });

  it('ends with the same schema as a fresh install', async () => {
    const fresh = await createTestDatabase();
    try {
      const a = await schemaShape(h.db);
      const b = await schemaShape(fresh.db);
      expect(a.filter((s) => !b.includes(s))).toEqual([]);
      expect(b.filter((s) => !a.includes(s))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('serves the old sites, members and accounts through the current repositories', async () => {
    const { rows, total } = await siteRepository.listSites(h.db, {
      departementCode: '69',
      visibility: {},
      limit: 10,
      offset: 0,
    });
    expect(total).toBe(3);
    expect(rows.map((s) => s.name)).toEqual(['Atelier Benali', 'Menuiserie Roux', 'Tannerie du Rhône']);
    const members = await membershipRepository.listMembers(h.db, fixture.sites.atelier);
    expect(members.map((m) => m.role).sort()).toEqual(['member', 'owner']);
    const designer = await userRepository.findUserWithProfile(h.db, fixture.users.designer);
    expect(designer?.profile.roles).toEqual(['designer']);
    const account = await paymentAccountRepository.findSellerAccount(h.db, fixture.sites.menuiserie);
    expect(account?.charges_enabled).toBe(true);
  });

  it('finds the old lots by radius and by text, with their photo bytes', async () => {
    const near = await lotRepository.searchLots(h.db, {
      point: { lat: 45.764, lon: 4.8357 },
      radiusKm: 20,
      sort: 'distance',
      limit: 10,
    });
    // The oak lot is sold out (exhausted); the other three are published.
    expect(near.map((l) => l.id).sort()).toEqual(
      [fixture.lots.leather, fixture.lots.felt, fixture.lots.linen].sort(),
    );
    expect(near.map((l) => l.distance_m)).toEqual([...near.map((l) => l.distance_m)].sort((a, b) => a! - b!));
    const text = await lotRepository.searchLots(h.db, { text: 'cuir', sort: 'newest', limit: 10 });
    expect(text.map((l) => l.id)).toEqual([fixture.lots.leather]);
    const photos = await lotRepository.listPhotos(h.db, [fixture.lots.leather]);
    expect(photos).toHaveLength(1);
    const image = await lotRepository.findPhotoImage(h.db, photos[0]!.id, 'image');
    expect(image?.data.subarray(1, 4).toString()).toBe('PNG');
    const requests = await wantedRequestRepository.listRequestsOfUser(h.db, fixture.users.designer);
    expect(requests.map((r) => r.id)).toEqual([fixture.requestId]);
    const notes = await matchingRepository.listNotifications(h.db, fixture.users.designer, 10);
    expect(notes.map((n) => n.lot_id)).toEqual([fixture.lots.leather]);
  });

  it('lists the old trades with their history and timers', async () => {
    const trades = await tradeRepository.listTradesOfUser(h.db, fixture.users.sellerOwner, [
      fixture.sites.menuiserie,
      fixture.sites.tannerie,
    ]);
    expect(trades.map((t) => [t.id, t.state]).sort()).toEqual(
      [
        [fixture.completedTradeId, 'completed'],
        [fixture.pendingTradeId, 'requested'],
      ].sort(),
    );
    const events = await tradeRepository.listEvents(h.db, fixture.completedTradeId);
    expect(events.map((e) => e.to_state).at(-1)).toBe('completed');
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const timers = await tradeRepository.listTimers(h.db, fixture.pendingTradeId);
    expect(timers.map((t) => t.transition)).toEqual(['expire_request']);
    const effects = await tradeRepository.listPaymentEffects(h.db, fixture.completedTradeId);
    expect(effects.map((e) => [e.kind, e.status, e.amount_cents])).toEqual([['transfer', 'done', 14400]]);
  });

  it('keeps the ledger balanced with the same balances per account', async () => {
    const rows = await ledgerRepository.listEntriesPage(h.db, 0);
    const balance = (unit: string) => {
      const out: Record<string, number> = {};
      for (const r of rows.filter((x) => x.unit === unit))
        out[r.account] = (out[r.account] ?? 0) + r.amount_minor;
      return out;
    };
    expect(balance('EUR')).toEqual(fixture.expected.ledgerEurBalance);
    expect(balance('kg')).toEqual(fixture.expected.ledgerKgBalance);
    expect(rows.reduce((s, r) => s + r.amount_minor, 0)).toBe(0);
  });

  it('aggregates the old impact the same from the rollups and from the records', async () => {
    const filter = { fromMonth: '2026-01-01', toMonth: '2026-12-01' };
    const rollup = await impactRepository.aggregateImpact(h.db, filter, 'rollup');
    const records = await impactRepository.aggregateImpact(h.db, filter, 'records');
    const total = (rs: typeof rollup) => rs.find((r) => r.dimension === null)!;
    expect(total(rollup).trades).toBe(2);
    expect(total(rollup).mass_kg).toBeCloseTo(fixture.expected.impactMassKg, 9);
    expect(total(rollup).net_kg_co2e).toBeCloseTo(fixture.expected.impactNetKgCo2e, 9);
    const key = (r: (typeof rollup)[number]) => `${r.dimension}:${r.key}`;
    const norm = (rs: typeof rollup) =>
      rs
        .map((r) => [key(r), r.trades, Number(r.mass_kg.toFixed(6)), Number(r.net_kg_co2e.toFixed(6))])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(norm(rollup)).toEqual(norm(records));
    const flows = await impactRepository.topImpactFlows(h.db, filter, 10);
    expect(flows.map((f) => f.destination_key)).toEqual([
      `site:${fixture.sites.atelier}`,
      `site:${fixture.sites.atelier}`,
    ]);
    expect(await impactRepository.findImpactRecord(h.db, fixture.completedTradeId)).toMatchObject({
      mass_kg: 84,
      factor_version: '2026.1',
    });
  });
});
