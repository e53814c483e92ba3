/**
 * pnpm bench:search — the catalogue's radius search (top 20 within 50 km, nearest first) over a
 * deterministic catalogue of 10k and 100k lots around real communes, on PostgreSQL and PGlite,
 * timed through the call a browsing user makes: `LotService.search`, which adds the site and
 * photo queries and the DTOs, as an anonymous visitor (a map point) and as a signed-in user
 * (around their home, one profile read more). The bare repository query is a third row, and a
 * sequential haversine scan on the same data (`searchLotsByScan`) is the speed baseline.
 *
 * Correctness: every page (all three callers, every query) must list exactly the lots of a naive
 * haversine ranking of the indexed points, in the same order (a swap is accepted only between
 * lots at the same distance, see `diffRanking`), and say there is a next page exactly when more
 * lots lie within the radius. Any difference is printed and the run exits with status 1.
 *
 * BENCH_SIZES (default 10000,100000) and BENCH_QUERIES (default 1000) shrink it for a smoke run.
 */

import { randomUUID } from 'node:crypto';
import { loadConfig } from '@retaille/config';
import { analyze, type DatabaseHandle, lotRepository, userRepository } from '@retaille/db';
import {
  availableEngines,
  type CommunePoint,
  diffRanking,
  loadCommunes,
  loadIndexedPoints,
  mulberry32,
  nearestByScan,
  percentile,
  round,
} from '@retaille/db/bench';
import type { MaterialFamilyKey, MaterialKey } from '@retaille/domain';
import { anonymous, userActor } from '../src/auth/actor.ts';
import { LotService } from '../src/catalogue/lot.service.ts';
import { loadCommuneDirectory } from '../src/geo/commune-directory.loader.ts';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const RADIUS_KM = 50;
const TOP = 20;
/** Baseline rows past the page, so lots tied at the cut are known. */
const EXTRA = 10;
const MAX_PRINTED_DIFFS = 10;

const materials: MaterialKey[] = [
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
const families: Record<string, MaterialFamilyKey> = {
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

async function load(db: DatabaseHandle['db'], size: number, communes: CommunePoint[]) {
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
        sectors: ['bois' as const],
        territory_type: 'rural' as const,
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
        condition: 'offcut' as const,
        unit: 'kg' as const,
        quantity: 1 + Math.floor(rand() * 200),
        status: 'published' as const,
        lat: site.lat,
        lon: site.lon,
        earth_point: lotRepository.earthPointFor(id, site.lat, site.lon),
        published_at: new Date(start + Math.floor(rand() * 300) * 86_400_000),
      });
    }
    await db.insertInto('lot').values(rows).execute();
  }
  await analyze({ db });
}

type Call = 'LotService.search anonymous' | 'LotService.search signed-in' | 'lotRepository.searchLots';
const CALLS: Call[] = [
  'LotService.search anonymous',
  'LotService.search signed-in',
  'lotRepository.searchLots',
];

interface Row {
  engine: string;
  lots: number;
  call: Call;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  scan_p95_ms: number;
  scan_samples: number;
  same_results: boolean;
  /** Positions that matched only as exact distance ties (expected 0 with distinct points). */
  ties: number;
}

async function main() {
  const config = loadConfig();
  const communes = loadCommunes();
  const directory = await loadCommuneDirectory();
  const engines = await availableEngines(config.DATABASE_URL);
  const results: Row[] = [];
  const failures: string[] = [];
  for (const engine of engines) {
    for (const size of SIZES) {
      const handle = await engine.open();
      try {
        const db = handle.db;
        const t0 = performance.now();
        await load(db, size, communes);
        console.log(`${engine.name} ${size} lots loaded in ${round((performance.now() - t0) / 1000, 1)} s`);
        const lots = new LotService({ db, communes: directory, now: () => new Date() });
        const userId = randomUUID();
        await db
          .insertInto('auth_user')
          .values({ id: userId, name: 'bench', email: `${userId}@bench.test`, emailVerified: true })
          .execute();
        const user = userActor({ userId, email: `${userId}@bench.test`, name: 'bench' });

        const rand = mulberry32(42);
        const points = Array.from({ length: QUERIES }, () => {
          const c = communes[Math.floor(rand() * communes.length)]!;
          return { lat: c.lat + (rand() - 0.5) * 0.1, lon: c.lon + (rand() - 0.5) * 0.1 };
        });
        const indexed = await loadIndexedPoints(db);
        const baseline = points.map((p) => nearestByScan(indexed, p, RADIUS_KM, TOP + EXTRA));

        /** One call as the user makes it: ids in the order shown, and whether a next page exists. */
        const run = async (call: Call, p: { lat: number; lon: number }) => {
          if (call === 'lotRepository.searchLots') {
            const rows = await lotRepository.searchLots(db, {
              point: p,
              radiusKm: RADIUS_KM,
              sort: 'distance',
              limit: TOP,
            });
            return { ids: rows.map((r) => r.id), more: null, distancesKm: null };
          }
          const actor = call === 'LotService.search anonymous' ? anonymous : user;
          const r = await lots.search(actor, {
            point: actor === anonymous ? { kind: 'point', lat: p.lat, lon: p.lon } : { kind: 'home' },
            radiusKm: RADIUS_KM,
            sort: 'distance',
            limit: TOP,
          });
          return {
            ids: r.items.map((i) => i.id),
            more: r.nextCursor !== null,
            distancesKm: actor === anonymous ? null : r.items.map((i) => i.distanceKm),
          };
        };
        // The signed-in user searches around their home: set it (untimed) before each search.
        const before = (call: Call, p: { lat: number; lon: number }) =>
          call === 'LotService.search signed-in'
            ? userRepository.updateProfile(db, userId, { home_lat: p.lat, home_lon: p.lon })
            : Promise.resolve();

        // The scan is slow on the embedded engine: a smaller, stated sample there.
        const scanSamples =
          engine.name === 'pglite' && size > 10_000
            ? Math.min(100, QUERIES)
            : Math.min(engine.name === 'pglite' ? 300 : QUERIES, QUERIES);
        const scanTimes: number[] = [];
        for (const [i, p] of points.slice(0, scanSamples).entries()) {
          const s = performance.now();
          const rows = await lotRepository.searchLotsByScan(db, {
            point: p,
            radiusKm: RADIUS_KM,
            limit: TOP,
          });
          scanTimes.push(performance.now() - s);
          // The scan ranks the sites' exact points (lots of a site tie), so only the count is comparable.
          const want = baseline[i]!.rows.slice(0, TOP).length;
          if (rows.length !== want)
            failures.push(`${engine.name} ${size} scan, query ${i}: ${rows.length} lots, expected ${want}`);
        }
        scanTimes.sort((a, b) => a - b);

        for (const call of CALLS) {
          for (const p of points.slice(0, 20)) {
            await before(call, p);
            await run(call, p);
          }
          const times: number[] = [];
          let same = true;
          let ties = 0;
          for (const [i, p] of points.entries()) {
            await before(call, p);
            const s = performance.now();
            const got = await run(call, p);
            times.push(performance.now() - s);
            const base = baseline[i]!;
            const expected = base.rows.slice(0, TOP);
            const diff = diffRanking(expected, base.rows, got.ids);
            ties += diff.ties;
            const problems = [...diff.problems];
            if (got.more !== null && got.more !== base.withinRadius > TOP)
              problems.push(
                `next page ${got.more ? 'offered' : 'missing'} with ${base.withinRadius} lots in the radius`,
              );
            for (const [k, km] of (got.distancesKm ?? []).entries()) {
              const want = (expected[k]?.distanceM ?? Number.NaN) / 1000;
              if (km === null || !(Math.abs(km - want) <= 0.05 + 1e-6))
                problems.push(`#${k + 1}: distance ${km} km, expected ${round(want, 3)} km`);
            }
            if (problems.length > 0) {
              same = false;
              failures.push(
                `${engine.name} ${size} ${call}, query ${i} at ${round(p.lat, 5)},${round(p.lon, 5)}:\n    ${problems.join('\n    ')}`,
              );
            }
          }
          times.sort((a, b) => a - b);
          const row: Row = {
            engine: engine.name,
            lots: size,
            call,
            p50_ms: round(percentile(times, 50)),
            p95_ms: round(percentile(times, 95)),
            p99_ms: round(percentile(times, 99)),
            scan_p95_ms: round(percentile(scanTimes, 95)),
            scan_samples: scanSamples,
            same_results: same,
            ties,
          };
          results.push(row);
          console.log(
            `${engine.name.padEnd(8)} ${String(size).padStart(6)} lots  ${call.padEnd(28)} p50 ${row.p50_ms} ms  p95 ${row.p95_ms} ms  p99 ${row.p99_ms} ms` +
              `  | scan p50 ${round(percentile(scanTimes, 50))} ms  p95 ${row.scan_p95_ms} ms (${scanSamples} queries)` +
              `  | speed-up at p95 ×${round(row.scan_p95_ms / row.p95_ms, 1)}  | same results and order: ${same}${ties ? ` (${ties} exact ties)` : ''}`,
          );
        }
      } finally {
        await handle.drop();
      }
    }
  }
  console.log(`RESULT ${JSON.stringify({ rows: results })}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} page(s) differ from the haversine baseline:`);
    for (const f of failures.slice(0, MAX_PRINTED_DIFFS)) console.error(`  ${f}`);
    if (failures.length > MAX_PRINTED_DIFFS)
      console.error(`  … and ${failures.length - MAX_PRINTED_DIFFS} more`);
    process.exitCode = 1;
  }
}

await main();
