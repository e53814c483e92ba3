/**
 * pnpm bench:tours — pickup tours on generated instances around real communes (the offline
 * commune directory): pickups at communes of the Rhône around Lyon, pooled pickups at communes of
 * Loire-Atlantique around Nantes (communes within 25 km of the depot), with loads, availability windows and opening hours drawn from a
 * fixed seed.
 * - single-vehicle tours of 5 and 10 stops: exact (Held–Karp), and the heuristic's gap to it;
 * - single-vehicle tours of 25 and 50 stops: the heuristic in its normal budget (1.5 s), and its
 *   gap to the best known tour (the best of long runs of the heuristic with other seeds);
 * - pooled tours of 200 pickups (capacity 400 kg, windows) within 8 s.
 * Each row: solve time, km, km of the separate round trips. BENCH_TOURS_LONG_MS (default 10000)
 * sets the length of each long run.
 */

import {
  EMBEDDED_FACTOR_SET,
  haversineKm,
  mulberry32,
  planPooledTours,
  planTour,
  type TourPlan,
  type TourRequest,
} from '@retaille/domain';
import { loadCommuneDirectory } from '../src/geo/commune-directory.loader.ts';

const LONG_RUN_MS = Number(process.env.BENCH_TOURS_LONG_MS ?? 10_000);
const clock = () => performance.now();
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const directory = await loadCommuneDirectory();

function communesOf(departement: string) {
  const out = new Map<string, { lat: number; lon: number; insee: string }>();
  for (let cp = 0; cp < 1000; cp++) {
    for (const c of directory.byPostalCode(`${departement}${String(cp).padStart(3, '0')}`))
      out.set(c.insee, c);
  }
  return [...out.values()].sort((a, b) => (a.insee < b.insee ? -1 : 1));
}

/** Pickups at communes within 25 km of the depot (a day's van round). */
function instance(
  seed: number,
  departement: string,
  depotInsee: string,
  n: number,
  pooled: boolean,
): TourRequest {
  const rng = mulberry32(seed);
  const depot = directory.get(depotInsee)!;
  const communes = communesOf(departement).filter((c) => haversineKm(c, depot) <= 25);
  const stops: TourRequest['stops'] = [];
  for (let k = 0; k < n; k++) {
    const c = communes[Math.floor(rng() * communes.length)]!;
    const from = 8 * 60 + 30 * Math.floor(rng() * 12);
    const windowed = rng() < (pooled ? 0.5 : 0.2);
    stops.push({
      id: `p${k}`,
      ownerId: `buyer${Math.floor(rng() * 20)}`,
      // A site somewhere in the commune, not on its centroid.
      point: { lat: c.lat + (rng() - 0.5) * 0.01, lon: c.lon + (rng() - 0.5) * 0.014 },
      loadKg: 5 + Math.floor(rng() * 60),
      serviceMin: pooled ? 10 : 5,
      availability: windowed
        ? { fromMin: from, toMin: from + (pooled ? 120 : 180) + 30 * Math.floor(rng() * 8) }
        : undefined,
      openingHours: { fromMin: 7 * 60, toMin: 19 * 60 },
    });
  }
  return {
    start: { point: { lat: depot.lat, lon: depot.lon }, window: { fromMin: 6 * 60, toMin: 21 * 60 } },
    day: '2026-12-07',
    vehicle: { capacityKg: pooled ? 400 : 5000 },
    stops,
  };
}

const ctx = { factorSet: EMBEDDED_FACTOR_SET };
const ok = (plan: TourPlan) => {
  if (plan.status !== 'ok')
    throw new Error(`infeasible instance: ${JSON.stringify(plan.reasons.slice(0, 3))}`);
  return plan;
};
const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const out = f();
  return [out, performance.now() - t];
};

interface Row {
  kind: string;
  stops: number;
  solve_ms: number;
  km: number;
  separate_km: number;
  gap_to_exact_pct: number | null;
  reference?: string;
  tours?: number;
}
const rows: Row[] = [];

for (const n of [5, 10]) {
  const request = instance(100 + n, '69', '69123', n, false);
  const [exact, ms] = timed(() => ok(planTour(request, ctx)));
  const heuristic = ok(
    planTour(request, {
      ...ctx,
      config: { exactMaxStops: 0 },
      budget: { timeLimitMs: 300, clock, maxIterations: 1e9, seed: 1 },
    }),
  );
  rows.push({
    kind: 'single_exact',
    stops: n,
    solve_ms: round(ms),
    km: round(exact.km),
    separate_km: round(exact.separateKm),
    gap_to_exact_pct: round(((heuristic.km - exact.km) / exact.km) * 100, 2),
    reference: 'exact; gap is the heuristic (300 ms) against it',
  });
  console.log(
    `single ${n} stops: exact ${round(exact.km)} km in ${round(ms)} ms, heuristic ${round(heuristic.km)} km`,
  );
}

for (const n of [25, 50]) {
  const request = instance(100 + n, '69', '69123', n, false);
  const budget = { timeLimitMs: 1500, clock, maxIterations: 1e9, seed: 1 };
  const [plan, ms] = timed(() => ok(planTour(request, { ...ctx, budget })));
  let best = plan.km;
  for (const seed of [2, 3, 4]) {
    const long = ok(
      planTour(request, { ...ctx, budget: { timeLimitMs: LONG_RUN_MS, clock, maxIterations: 1e9, seed } }),
    );
    best = Math.min(best, long.km);
  }
  rows.push({
    kind: 'single_heuristic',
    stops: n,
    solve_ms: round(ms),
    km: round(plan.km),
    separate_km: round(plan.separateKm),
    gap_to_exact_pct: round(((plan.km - best) / best) * 100, 2),
    reference: `best known: min of this run and 3 runs of ${LONG_RUN_MS} ms`,
  });
  console.log(`single ${n} stops: ${round(plan.km)} km in ${round(ms)} ms (best known ${round(best)} km)`);
}

{
  const request = instance(200, '44', '44109', 200, true);
  const [plan, ms] = timed(() =>
    planPooledTours(request, { ...ctx, budget: { timeLimitMs: 8000, clock, maxIterations: 1e9, seed: 1 } }),
  );
  rows.push({
    kind: 'pooled',
    stops: 200,
    solve_ms: round(ms),
    km: round(plan.km),
    separate_km: round(plan.separateKm),
    gap_to_exact_pct: null,
    tours: plan.tours.length,
  });
  console.log(
    `pooled 200 pickups: ${plan.tours.length} tours, ${round(plan.km)} km against ${round(plan.separateKm)} km of separate trips, ` +
      `${round(plan.co2eKg)} kg CO2e against ${round(plan.separateCo2eKg)}, ${plan.unserved.length} unserved, ${round(ms)} ms`,
  );
}

console.table(rows);
console.log(`RESULT ${JSON.stringify({ rows })}`);
