/**
 * Shared pieces of the benchmarks (`@retaille/db/bench`): engines, a seeded PRNG, real communes,
 * percentiles, and the naive nearest-lots baseline the radius search is checked against.
 */
import { readFileSync } from 'node:fs';
import { haversineKm } from '@retaille/domain';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../src/database.ts';
import { migrateToLatest } from '../src/migrate.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CommunePoint {
  insee: string;
  dep: string;
  lat: number;
  lon: number;
}

/** Mainland communes from the shared centroid file (IGN 2018). */
export function loadCommunes(): CommunePoint[] {
  const csv = readFileSync(new URL('../../domain/data/communes-centroids.csv', import.meta.url), 'utf8');
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [insee, , dep, lat, lon] = line.split(',');
      return { insee: insee!, dep: dep!, lat: Number(lat), lon: Number(lon) };
    })
    .filter((c) => c.lat > 41 && c.lat < 51.5 && c.lon > -5.5 && c.lon < 10 && !c.dep.startsWith('2'));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

export interface Engine {
  name: 'postgres' | 'pglite';
  open(): Promise<DatabaseHandle & { drop(): Promise<void> }>;
}

/** PostgreSQL (a throw-away database on the configured server) and PGlite (in memory). */
export async function availableEngines(databaseUrl: string | undefined): Promise<Engine[]> {
  const engines: Engine[] = [];
  const url = databaseUrl ?? 'postgres://root@127.0.0.1:5432/postgres';
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    engines.push({
      name: 'postgres',
      async open() {
        const name = `retaille_bench_${process.pid}_${Date.now()}`;
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`create database ${name}`);
        await admin.end();
        const u = new URL(url);
        u.pathname = `/${name}`;
        const handle = await createDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 });
        await migrateToLatest(handle.db);
        return {
          ...handle,
          async drop() {
            await handle.close();
            const a = new pg.Client({ connectionString: url });
            await a.connect();
            await a.query(`drop database if exists ${name} with (force)`);
            await a.end();
          },
        };
      },
    });
  } catch {
    console.log(`PostgreSQL not reachable at ${url}: skipped (start it or set DATABASE_URL).`);
  }
  engines.push({
    name: 'pglite',
    async open() {
      const handle = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
      await migrateToLatest(handle.db);
      return { ...handle, drop: () => handle.close() };
    },
  });
  return engines;
}

// ── Correctness baseline for radius searches ──────────────────────────────────────────────────

/** A published lot as the GiST index sees it: the point of `earth_point` (see `earthPointFor`). */
export interface IndexedPoint {
  id: string;
  lat: number;
  lon: number;
}

/**
 * Every published lot's indexed point, read back from `earth_point` (the site's point moved by
 * under a metre), so the baseline ranks exactly the points the index ranks.
 */
export async function loadIndexedPoints(db: DatabaseHandle['db']): Promise<IndexedPoint[]> {
  const rows = await db
    .selectFrom('lot')
    .select([
      'id',
      sql<number>`latitude(earth_point)`.as('lat'),
      sql<number>`longitude(earth_point)`.as('lon'),
    ])
    .where('status', '=', 'published')
    .execute();
  return rows.map((r) => ({ id: r.id, lat: Number(r.lat), lon: Number(r.lon) }));
}

export interface Ranked {
  id: string;
  distanceM: number;
}

/**
 * The naive answer: haversine (on earthdistance's sphere) from the point to every lot, within the
 * radius, nearest first, ties by id. Returns `limit` rows.
 */
export function nearestByScan(
  points: readonly IndexedPoint[],
  at: { lat: number; lon: number },
  radiusKm: number,
  limit: number,
): { rows: Ranked[]; withinRadius: number } {
  const inside: Ranked[] = [];
  for (const p of points) {
    const d = haversineKm(at, p) * 1000;
    if (d <= radiusKm * 1000) inside.push({ id: p.id, distanceM: d });
  }
  inside.sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { rows: inside.slice(0, limit), withinRadius: inside.length };
}

/**
 * Two lots whose distances differ by less than this are tied. Indexed points of one site are
 * spread over about a metre, so real neighbours differ by millimetres; float noise between the
 * engine's cube distance and a JS haversine is about 1e-8 m.
 */
export const TIE_M = 1e-5;

/**
 * Compares a page of ids with the baseline: same length, and at every position the same lot,
 * or (only for exact ties) a lot at the same distance from the baseline's candidates; no lot
 * twice. `candidates` must extend past the page so lots tied at the cut are known. Returns the
 * problems found (empty when equal) and how many positions matched only as ties.
 */
export function diffRanking(
  expected: readonly Ranked[],
  candidates: readonly Ranked[],
  actual: readonly string[],
): { problems: string[]; ties: number } {
  const problems: string[] = [];
  let ties = 0;
  if (actual.length !== expected.length)
    problems.push(`expected ${expected.length} lots, got ${actual.length}`);
  const distance = new Map(candidates.map((c) => [c.id, c.distanceM]));
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (got !== undefined) {
      if (seen.has(got)) problems.push(`#${i + 1}: ${got} appears twice`);
      seen.add(got);
    }
    if (want === undefined || got === undefined || got === want.id) continue;
    const d = distance.get(got);
    if (d !== undefined && Math.abs(d - want.distanceM) < TIE_M) {
      ties++;
      continue;
    }
    problems.push(
      `#${i + 1}: expected ${want.id} at ${want.distanceM.toFixed(3)} m, got ${got}${
        d === undefined ? ' (not among the nearest)' : ` at ${d.toFixed(3)} m`
      }`,
    );
  }
  return { problems, ties };
}
