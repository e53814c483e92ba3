/** Shared pieces of the benchmarks: engines, a seeded PRNG, real communes, percentiles. */
import { readFileSync } from 'node:fs';
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
