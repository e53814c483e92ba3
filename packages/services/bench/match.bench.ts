/**
 * pnpm bench:match — matching on a deterministic generated network (sites around real communes,
 * lots and wanted requests of the programme's usual materials in the units real lots use: kg and
 * tonnes, pieces, sheets, linear metres, m², rolls, m³), on PostgreSQL and PGlite:
 * - proposals for one request (`MatchingService.proposalsForRequest`, as the app calls it),
 *   p50/p95, at 10k lots × 1k requests and 100k lots × 10k requests;
 * - the network allocation of 5k lots × 5k requests through the job the app runs
 *   (`AllocationService.execute`: load from the database, kg per unit of the requests not in kg,
 *   candidate pairs, exact min-cost flow, greedy baseline, flows and notifications stored);
 * - peak RSS. Writes the 5k × 5k instance and both solutions to bench-out/allocation.json.
 * BENCH_MATCH_SIZES (default 10000x1000,100000x10000,5000x5000) and BENCH_QUERIES (default 200)
 * shrink it for a smoke run; the allocation runs for every size up to 5k × 5k.
 */

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadConfig } from '@retaille/config';
import { analyze, lotRepository, matchingRepository, wantedRequestRepository } from '@retaille/db';
import { availableEngines, loadCommunes, mulberry32, percentile, round } from '@retaille/db/bench';
import { estimateMassKg, type MaterialFamilyKey, type MaterialKey, type UnitKey } from '@retaille/domain';
import { userActor } from '../src/auth/actor.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { AllocationService } from '../src/matching/allocation.service.ts';
import { buildAllocationProblem, solveAllocation } from '../src/matching/allocation-problem.ts';
import { MatchingService } from '../src/matching/matching.service.ts';
import { webLinks } from '../src/ports/links.ts';

const SIZES: { lots: number; requests: number }[] = (
  process.env.BENCH_MATCH_SIZES ?? '10000x1000,100000x10000,5000x5000'
)
  .split(',')
  .map((s) => {
    const [lots, requests] = s.split('x').map(Number);
    return { lots: lots!, requests: requests! };
  });
const PROPOSAL_QUERIES = Number(process.env.BENCH_QUERIES ?? 200);

// Materials in proportions close to what manufactures de proximité throw away (wood first).
const MATERIALS: [MaterialKey, number][] = [
  ['oak', 8],
  ['beech', 6],
  ['pine', 6],
  ['spruce_fir', 5],
  ['plywood', 8],
  ['mdf', 5],
  ['osb', 4],
  ['cotton', 6],
  ['linen', 3],
  ['wool', 3],
  ['polyester', 4],
  ['denim', 3],
  ['leather_bovine_vegetable', 2],
  ['steel', 6],
  ['aluminium', 4],
  ['brass', 1],
  ['pmma', 3],
  ['pla', 2],
  ['cardboard_corrugated', 4],
];
const TOTAL_WEIGHT = MATERIALS.reduce((s, [, w]) => s + w, 0);
function pickMaterial(r: () => number): MaterialKey {
  let x = r() * TOTAL_WEIGHT;
  for (const [m, w] of MATERIALS) {
    x -= w;
    if (x <= 0) return m;
  }
  return MATERIALS[0]![0];
}
const FAMILY: Record<string, MaterialFamilyKey> = {
  oak: 'wood',
  beech: 'wood',
  pine: 'wood',
  spruce_fir: 'wood',
  plywood: 'wood_panels',
  mdf: 'wood_panels',
  osb: 'wood_panels',
  cotton: 'textile',
  linen: 'textile',
  wool: 'textile',
  polyester: 'textile',
  denim: 'textile',
  leather_bovine_vegetable: 'leather',
  steel: 'metal',
  aluminium: 'metal',
  brass: 'metal',
  pmma: 'plastic',
  pla: 'plastic',
  cardboard_corrugated: 'paper_cardboard',
};

/**
 * The units lots of each family are posted in, with weights close to what the programme's sites
 * post (the demo catalogue: about half in kg, then pieces, sheets, rolls, linear metres).
 */
const UNITS_BY_FAMILY: Record<string, [UnitKey, number][]> = {
  wood: [
    ['kg', 45],
    ['piece', 35],
    ['m', 15],
    ['m3', 5],
  ],
  wood_panels: [
    ['sheet', 40],
    ['piece', 30],
    ['kg', 20],
    ['m2', 10],
  ],
  textile: [
    ['kg', 40],
    ['m', 25],
    ['roll', 20],
    ['m2', 15],
  ],
  leather: [
    ['m2', 50],
    ['piece', 30],
    ['kg', 20],
  ],
  metal: [
    ['kg', 55],
    ['piece', 25],
    ['sheet', 10],
    ['m', 5],
    ['t', 5],
  ],
  plastic: [
    ['sheet', 45],
    ['kg', 40],
    ['piece', 15],
  ],
  paper_cardboard: [
    ['kg', 55],
    ['sheet', 40],
    ['t', 5],
  ],
};
function pickUnit(r: () => number, family: string): UnitKey {
  const choices = UNITS_BY_FAMILY[family] ?? [['kg', 1]];
  let x = r() * choices.reduce((s, [, w]) => s + w, 0);
  for (const [u, w] of choices) {
    x -= w;
    if (x <= 0) return u;
  }
  return choices[0]![0];
}
const between = (r: () => number, lo: number, hi: number) => lo + r() * (hi - lo);
/** A plausible quantity in a unit (whole numbers for counted units). */
function quantityIn(r: () => number, unit: UnitKey): number {
  switch (unit) {
    case 'kg':
      return Math.round(between(r, 5, 300));
    case 't':
      return Math.round(between(r, 0.2, 3) * 10) / 10;
    case 'm3':
      return Math.round(between(r, 0.1, 2) * 10) / 10;
    case 'm':
    case 'm2':
      return Math.round(between(r, 2, 80));
    case 'piece':
      return Math.round(between(r, 2, 80));
    case 'sheet':
      return Math.round(between(r, 1, 30));
    case 'roll':
      return Math.round(between(r, 1, 6));
  }
}
/** Dimensions that let the domain estimate the mass of a lot in this unit. */
function dimensionsFor(r: () => number, unit: UnitKey, family: string) {
  const fabric = family === 'textile' || family === 'leather';
  switch (unit) {
    case 'piece':
      return {
        lengthMm: Math.round(between(r, 200, 2000)),
        widthMm: Math.round(between(r, 40, 600)),
        thicknessMm: Math.round(between(r, 2, 40)),
      };
    case 'sheet':
      return {
        lengthMm: Math.round(between(r, 500, 2500)),
        widthMm: Math.round(between(r, 300, 1250)),
        thicknessMm: Math.round(between(r, 1, 25)),
      };
    case 'm':
      return {
        widthMm: Math.round(fabric ? between(r, 1300, 1600) : between(r, 20, 200)),
        thicknessMm: Math.round(between(r, 1, 40)),
      };
    case 'm2':
      return { thicknessMm: Math.round(between(r, 1, 20)) };
    case 'roll':
      return {
        rollLengthM: Math.round(between(r, 5, 50)),
        widthMm: Math.round(between(r, 1000, 1600)),
        thicknessMm: 1,
      };
    default:
      return {};
  }
}

// Real places: half the activity around the 30 largest cities, half spread over all communes.
const CITIES: [number, number][] = [
  [48.8566, 2.3522],
  [45.764, 4.8357],
  [43.2965, 5.3698],
  [43.6047, 1.4442],
  [43.7102, 7.262],
  [47.2184, -1.5536],
  [48.5734, 7.7521],
  [43.6108, 3.8767],
  [44.8378, -0.5792],
  [50.6292, 3.0573],
  [48.1173, -1.6778],
  [49.2583, 4.0317],
  [45.4397, 4.3872],
  [43.1242, 5.928],
  [45.1885, 5.7245],
  [47.322, 5.0415],
  [47.4784, -0.5632],
  [45.7772, 3.087],
  [48.3904, -4.4861],
  [47.9029, 1.9093],
  [49.4431, 1.0993],
  [49.1829, -0.3707],
  [48.6921, 6.1844],
  [47.3936, 0.6848],
  [46.5802, 0.3404],
  [45.8336, 1.2611],
  [44.9334, 4.8924],
  [43.4832, -1.5586],
  [46.1603, -1.1511],
  [49.8941, 2.2958],
];

/** A v4-shaped UUID drawn from the seeded generator, so reruns build the very same instance. */
function seededUuid(r: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function loadNetwork(db: any, size: { lots: number; requests: number }, seed: number): Promise<string> {
  const rand = mulberry32(seed);
  const communes = loadCommunes();
  const place = () => {
    if (rand() < 0.5) {
      const [lat, lon] = CITIES[Math.floor(rand() * CITIES.length)]!;
      const r = Math.sqrt(rand()) * 0.35;
      const a = rand() * Math.PI * 2;
      return { lat: lat + r * Math.cos(a), lon: lon + (r * Math.sin(a)) / 0.7, dep: '00', insee: '00000' };
    }
    const c = communes[Math.floor(rand() * communes.length)]!;
    return { lat: c.lat, lon: c.lon, dep: c.dep, insee: c.insee };
  };
  const user = randomUUID();
  await db
    .insertInto('auth_user')
    .values({ id: user, name: 'bench', email: `${user}@bench.test`, emailVerified: true })
    .execute();
  const siteCount = Math.max(100, Math.round(size.lots / 40));
  const sites: { id: string; lat: number; lon: number }[] = [];
  for (let i = 0; i < siteCount; i += 500) {
    const batch = Array.from({ length: Math.min(500, siteCount - i) }, (_, k) => {
      const p = place();
      return {
        name: `Atelier ${i + k}`,
        address: 'bench',
        postal_code: '00000',
        commune_insee: p.insee,
        commune_name: p.insee,
        departement_code: p.dep,
        region_code: '00',
        lat: p.lat,
        lon: p.lon,
        sectors: ['bois'],
        territory_type: 'rural',
        verified_at: new Date(),
      };
    });
    sites.push(...(await db.insertInto('site').values(batch).returning(['id', 'lat', 'lon']).execute()));
  }
  const now = Date.now();
  for (let i = 0; i < size.lots; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, size.lots - i) }, () => {
      const site = sites[Math.floor(rand() * sites.length)]!;
      const material = pickMaterial(rand);
      const family = FAMILY[material]!;
      const unit = pickUnit(rand, family);
      const qty = quantityIn(rand, unit);
      const dims = dimensionsFor(rand, unit, family);
      const mass = estimateMassKg({
        material,
        quantity: qty,
        unit,
        dimensions: dims,
      });
      const id = seededUuid(rand);
      return {
        id,
        site_id: site.id,
        title: `Lot ${material}`,
        material_key: material,
        family_key: family,
        condition: 'offcut' as const,
        unit,
        quantity: qty,
        length_mm: dims.lengthMm ?? null,
        width_mm: dims.widthMm ?? null,
        thickness_mm: dims.thicknessMm ?? null,
        roll_length_m: dims.rollLengthM ?? null,
        mass_kg: mass.ok ? Math.round(mass.kg * 1000) / 1000 : null,
        mass_estimated: mass.ok ? mass.estimated : true,
        mass_method: mass.method,
        status: 'published' as const,
        lat: site.lat,
        lon: site.lon,
        earth_point: lotRepository.earthPointFor(id, site.lat, site.lon),
        published_at: new Date(now - Math.floor(rand() * 60) * 86_400_000),
      };
    });
    await db.insertInto('lot').values(rows).execute();
  }
  for (let i = 0; i < size.requests; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, size.requests - i) }, () => {
      const p = place();
      const material = pickMaterial(rand);
      const unit = pickUnit(rand, FAMILY[material]!);
      const fine = unit === 't' || unit === 'm3';
      const roundIn = (v: number) =>
        fine ? Math.max(0.1, Math.round(v * 10) / 10) : Math.max(1, Math.round(v));
      const max = roundIn(Math.max(unit === 'kg' ? 10 : 0, quantityIn(rand, unit) * 1.5));
      const min = Math.min(max, roundIn(max / 4));
      return {
        id: seededUuid(rand),
        requester_id: user,
        title: `Demande ${material}`,
        material_keys: [material],
        accept_substitutes: rand() < 0.6,
        unit,
        quantity_min: min,
        quantity_max: max,
        max_distance_km: Math.round(30 + rand() * 70),
        lat: p.lat,
        lon: p.lon,
        region_code: '00',
      };
    });
    await wantedRequestRepository.insertRequests(db, rows);
  }
  await analyze({ db });
  return user;
}

/** Lots and requests by unit, to show the mix the run had. */
async function unitMix(db: any) {
  const count = async (table: 'lot' | 'wanted_request') =>
    Object.fromEntries(
      (
        await db
          .selectFrom(table)
          .select(['unit', (eb: any) => eb.fn.countAll().as('n')])
          .groupBy('unit')
          .orderBy('unit')
          .execute()
      ).map((r: { unit: string; n: number | string }) => [r.unit, Number(r.n)]),
    );
  return { lots: await count('lot'), requests: await count('wanted_request') };
}

async function main() {
  const config = loadConfig();
  const engines = await availableEngines(config.DATABASE_URL);
  const rows: Record<string, unknown>[] = [];
  const failures: string[] = [];
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  for (const engine of engines) {
    for (const size of SIZES) {
      const handle = await engine.open();
      try {
        const t0 = performance.now();
        const userId = await loadNetwork(handle.db, size, size.lots + size.requests);
        const mix = await unitMix(handle.db);
        console.log(
          `${engine.name} ${size.lots} lots × ${size.requests} requests loaded in ${round((performance.now() - t0) / 1000, 1)} s; units ${JSON.stringify(mix)}`,
        );
        const matching = new MatchingService({
          db: handle.db,
          mailer: createMailer(config, handle.db),
          links: webLinks(config.publicUrl),
          now: () => new Date(),
        });
        const admin = userActor({ userId, email: `${userId}@bench.test`, name: 'bench', roles: ['admin'] });
        const ids = (
          await handle.db
            .selectFrom('wanted_request')
            .select('id')
            .orderBy('id')
            .limit(PROPOSAL_QUERIES)
            .execute()
        ).map((r: { id: string }) => r.id);
        for (const id of ids.slice(0, 10)) await matching.proposalsForRequest(admin, id);
        const times: number[] = [];
        let withProposals = 0;
        for (const id of ids) {
          const s = performance.now();
          const found = await matching.proposalsForRequest(admin, id);
          times.push(performance.now() - s);
          if (found.length > 0) withProposals++;
        }
        times.sort((a, b) => a - b);
        const row: Record<string, unknown> = {
          engine: engine.name,
          lots: size.lots,
          requests: size.requests,
          proposals_p50_ms: round(percentile(times, 50)),
          proposals_p95_ms: round(percentile(times, 95)),
          requests_with_proposals: withProposals,
        };
        if (size.lots <= 5000 && size.requests <= 5000) {
          // The allocation job as the app runs it, for the whole network.
          const allocations = new AllocationService({
            db: handle.db,
            now: () => new Date(),
          });
          const { runId } = await allocations.start(admin, null);
          const a0 = performance.now();
          await allocations.execute(runId, null);
          const seconds = (performance.now() - a0) / 1000;
          const run = await allocations.get(admin, runId);
          const summary = run.summary;
          if (run.status !== 'done' || !summary) {
            failures.push(
              `${engine.name} ${size.lots}x${size.requests}: allocation ${run.status} (${run.error})`,
            );
          } else {
            const nonMass = Object.entries(mix.requests)
              .filter(([u]) => u !== 'kg' && u !== 't')
              .reduce((sum, [, n]) => sum + n, 0);
            Object.assign(row, {
              allocation_s: round(seconds, 3),
              solve_s: round(summary.solveMs / 1000, 3),
              allocation_lots: summary.lots,
              allocation_requests: summary.requests,
              requests_not_in_mass_units: nonMass,
              candidate_pairs: summary.candidatePairs,
              allocation_kg: round(summary.optimal.kg, 1),
              allocation_tonne_km: round(summary.optimal.tonneKm, 2),
              greedy_kg: round(summary.greedy.kg, 1),
              greedy_tonne_km: round(summary.greedy.tonneKm, 2),
              optimal_at_greedy_kg_tonne_km: round(summary.optimalAtGreedyKg.tonneKm, 2),
            });
            // The exact optimum serves at least what greedy serves, and no more tonne-km for it.
            if (summary.optimal.kg + 1e-6 < summary.greedy.kg)
              failures.push(
                `${engine.name}: optimal serves ${summary.optimal.kg} kg < greedy ${summary.greedy.kg} kg`,
              );
            if (summary.optimalAtGreedyKg.tonneKm > summary.greedy.tonneKm + 1e-6)
              failures.push(
                `${engine.name}: optimal at greedy's kg costs ${summary.optimalAtGreedyKg.tonneKm} t·km > greedy ${summary.greedy.tonneKm}`,
              );
          }
          if (size.lots === 5000 && size.requests === 5000 && engine.name === engines[0]!.name) {
            // The instance file (untimed): the same inputs the job read, solved again.
            const input = await matchingRepository.allocationInputs(handle.db, null);
            const problem = buildAllocationProblem(input.lots, input.requests);
            const solved = solveAllocation(problem.lots, problem.requests, problem.pairs);
            await mkdir('bench-out', { recursive: true });
            await writeFile(
              'bench-out/allocation.json',
              JSON.stringify({
                description:
                  'Retaille allocation instance: maximise kg served, then minimise Σ kg/1000 × distance_km. Lots supply available_kg, requests demand max_kg; only the listed pairs are allowed.',
                lots: problem.lots.map((l) => ({
                  id: l.id,
                  lat: l.lat,
                  lon: l.lon,
                  available_kg: l.availableKg,
                })),
                requests: problem.requests.map((r) => ({
                  id: r.id,
                  lat: r.lat,
                  lon: r.lon,
                  max_kg: r.maxKg,
                  radius_km: r.radiusKm,
                })),
                pairs: problem.pairs.map((p) => ({
                  lot: p.lotId,
                  request: p.requestId,
                  distance_km: p.distanceKm,
                })),
                solution: {
                  total_kg: solved.optimal.totalKg,
                  tonne_km: solved.optimal.tonneKm,
                  flows: solved.optimal.flows,
                },
                greedy: {
                  total_kg: solved.greedy.totalKg,
                  tonne_km: solved.greedy.tonneKm,
                  flows: solved.greedy.flows,
                },
                optimal_at_greedy_kg: {
                  total_kg: solved.atGreedyKg.totalKg,
                  tonne_km: solved.atGreedyKg.tonneKm,
                },
              }),
            );
          }
        }
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        row.peak_rss_mb = round(peakRss / 1024 / 1024, 0);
        rows.push(row);
        console.log(JSON.stringify(row));
      } finally {
        await handle.drop();
      }
    }
  }
  clearInterval(sample);
  console.log(`RESULT ${JSON.stringify({ rows })}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} check(s) failed:`);
    for (const f of failures) console.error(`  ${f}`);
    process.exitCode = 1;
  }
}

await main();
