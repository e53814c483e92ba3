/**
 * pnpm bench:search — radius search (top 20 within 50 km) over a deterministic catalogue of 10k
 * and 100k lots around real communes, on PostgreSQL and PGlite: the indexed search the app uses
 * (GiST on earth_point, earth_box prefilter, KNN order) against a sequential haversine scan on the
 * same data in the same run. Also checks that both return the same lots.
 */

import { randomUUID } from 'node:crypto';
import { loadConfig } from '@retaille/config';
import { sql } from 'kysely';
import { earthPointFor, searchLots, searchLotsByScan } from '../src/repositories/lot.repository.ts';
import {
  availableEngines,
  type CommunePoint,
  loadCommunes,
  mulberry32,
  percentile,
  round,
} from './bench-support.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const RADIUS_KM = 50;
const TOP = 20;

const materials = [
  'oak',
  'beech',
  'pine',
  'plywood',
  'mdf',
  'cotton',
  'linen',
  'wool',
  'leather_bovine_vegetable',
  'steel',
  'aluminium',
  'pmma',
];
const families: Record<string, string> = {
  oak: 'wood',
  beech: 'wood',
  pine: 'wood',
  plywood: 'wood_panels',
  mdf: 'wood_panels',
  cotton: 'textile',
  linen: 'textile',
  wool: 'textile',
  leather_bovine_vegetable: 'leather',
  steel: 'metal',
  aluminium: 'metal',
  pmma: 'plastic',
};

async function load(db: any, size: number, communes: CommunePoint[]) {
  const rand = mulberry32(size);
  const siteCount = Math.max(50, Math.round(size / 100));
  const sites: { id: string; lat: number; lon: number }[] = [];
  for (let i = 0; i < siteCount; i += 500) {
    const batch = [];
    for (let k = i; k < Math.min(siteCount, i + 500); k++) {
      const c = communes[Math.floor(rand() * communes.length)]!;
      batch.push({
        name: `Atelier bench ${k}`,
        address: 'bench',
        postal_code: '00000',
        commune_insee: c.insee,
        commune_name: c.insee,
        departement_code: c.dep,
        region_code: '00',
        lat: c.lat,
        lon: c.lon,
        sectors: ['bois'],
        territory_type: 'rural',
        verified_at: new Date(),
      });
    }
    sites.push(...(await db.insertInto('site').values(batch).returning(['id', 'lat', 'lon']).execute()));
  }
  const start = new Date('2026-01-01T00:00:00Z').getTime();
  for (let i = 0; i < size; i += 1000) {
    const rows = [];
    for (let k = i; k < Math.min(size, i + 1000); k++) {
      const site = sites[Math.floor(rand() * sites.length)]!;
      const material = materials[Math.floor(rand() * materials.length)]!;
      const id = randomUUID();
      rows.push({
        id,
        site_id: site.id,
        title: `Lot ${k} ${material}`,
        material_key: material,
        family_key: families[material]!,
        condition: 'offcut',
        unit: 'kg',
        quantity: String(1 + Math.floor(rand() * 200)),
        status: 'published',
        lat: site.lat,
        lon: site.lon,
        earth_point: earthPointFor(id, site.lat, site.lon),
        published_at: new Date(start + Math.floor(rand() * 300) * 86_400_000),
      });
    }
    await db.insertInto('lot').values(rows).execute();
  }
  await sql`analyze`.execute(db);
}

async function main() {
  const config = loadConfig();
  const communes = loadCommunes();
  const engines = await availableEngines(config.DATABASE_URL);
  const results: {
    engine: string;
    lots: number;
    p50_ms: number;
    p95_ms: number;
    p99_ms: number;
    scan_p95_ms: number;
    scan_samples: number;
    same_results: boolean;
  }[] = [];
  for (const engine of engines) {
    for (const size of SIZES) {
      const handle = await engine.open();
      try {
        const t0 = performance.now();
        await load(handle.db, size, communes);
        console.log(`${engine.name} ${size} lots loaded in ${round((performance.now() - t0) / 1000, 1)} s`);
        const rand = mulberry32(42);
        const points = Array.from({ length: QUERIES }, () => {
          const c = communes[Math.floor(rand() * communes.length)]!;
          return { lat: c.lat + (rand() - 0.5) * 0.1, lon: c.lon + (rand() - 0.5) * 0.1 };
        });
        // Warm-up, then timed runs.
        for (const p of points.slice(0, 20))
          await searchLots(handle.db, { point: p, radiusKm: RADIUS_KM, sort: 'distance', limit: TOP });
        const times: number[] = [];
        const indexed: string[][] = [];
        for (const p of points) {
          const s = performance.now();
          const rows = await searchLots(handle.db, {
            point: p,
            radiusKm: RADIUS_KM,
            sort: 'distance',
            limit: TOP,
          });
          times.push(performance.now() - s);
          indexed.push(rows.map((r) => r.id));
        }
        // The scan is slow on the embedded engine: a smaller, stated sample there.
        const scanSamples =
          engine.name === 'pglite' && size > 10_000
            ? Math.min(100, QUERIES)
            : Math.min(engine.name === 'pglite' ? 300 : QUERIES, QUERIES);
        const scanTimes: number[] = [];
        let same = true;
        for (const [i, p] of points.slice(0, scanSamples).entries()) {
          const s = performance.now();
          const rows = await searchLotsByScan(handle.db, { point: p, radiusKm: RADIUS_KM, limit: TOP });
          scanTimes.push(performance.now() - s);
          // Same lots, ignoring order among exact ties at the cut.
          const a = new Set(indexed[i]);
          const diff = rows.filter((r) => !a.has(r.id)).length;
          if (diff > 0 && rows.length === TOP) {
            const lastDist = rows.at(-1)!.distance_m;
            const tiesAtCut = rows.filter((r) => Math.abs(r.distance_m - lastDist) < 1).length;
            if (diff > tiesAtCut) same = false;
          } else if (rows.length !== indexed[i]!.length) same = false;
        }
        times.sort((a, b) => a - b);
        scanTimes.sort((a, b) => a - b);
        const row = {
          engine: engine.name,
          lots: size,
          p50_ms: round(percentile(times, 50)),
          p95_ms: round(percentile(times, 95)),
          p99_ms: round(percentile(times, 99)),
          scan_p95_ms: round(percentile(scanTimes, 95)),
          scan_samples: scanSamples,
          same_results: same,
        };
        results.push(row);
        console.log(
          `${engine.name.padEnd(8)} ${String(size).padStart(6)} lots  indexed p50 ${row.p50_ms} ms  p95 ${row.p95_ms} ms  p99 ${row.p99_ms} ms` +
            `  | scan p50 ${round(percentile(scanTimes, 50))} ms  p95 ${row.scan_p95_ms} ms (${scanSamples} queries)` +
            `  | speed-up at p95 ×${round(row.scan_p95_ms / row.p95_ms, 1)}  | same results: ${same}`,
        );
      } finally {
        await handle.drop();
      }
    }
  }
  console.log(`RESULT ${JSON.stringify({ rows: results })}`);
}

await main();
