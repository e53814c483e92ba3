/**
 * pnpm bench:bom — sourcing a 12-line bill of materials (a table, a bench and their upholstery:
 * oak and beech pieces with minimum sizes, plywood sheets, steel and brass by the kg, linen and
 * leather by the m², with substitutes and a family line) over 100k generated lots held by 4 000
 * sellers at real communes (the offline directory) within 150 km of Lyon. The buyer is in Lyon,
 * the radius 50 km, 2 lots per seller and at most BENCH_BOM_PER_LINE (default 15) per line, ranked by
 * price plus the seller's trip spread over the line. Reports
 * the time of the whole plan (candidate pre-filter, LP text, HiGHS with a BENCH_BOM_TIME_LIMIT_S
 * limit, default 1.5 s so the plan fits in 2 s, reading back), the MIP gap HiGHS proves at that
 * point, and the lines covered. BENCH_BOM_LOTS (default 100000).
 */

import { haversineKm, mulberry32, type SourcingLot } from '@retaille/domain';
import { loadCommuneDirectory } from '../src/geo/commune-directory.loader.ts';
import { loadHighs, planSourcing } from '../src/sourcing/bom-solver.ts';

const LOTS = Number(process.env.BENCH_BOM_LOTS ?? 100_000);
const SELLERS = 4000;
const DETOUR = 1.3;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const directory = await loadCommuneDirectory();
const lyon = directory.get('69123')!;
const communes: { lat: number; lon: number }[] = [];
for (const dep of ['69', '01', '38', '42', '71', '73', '26', '07']) {
  for (let cp = 0; cp < 1000; cp++) {
    for (const c of directory.byPostalCode(`${dep}${String(cp).padStart(3, '0')}`)) {
      if (haversineKm(c, lyon) <= 150) communes.push(c);
    }
  }
}

// Material, unit, price range in cents per unit, whether pieces have dimensions.
const KINDS: [SourcingLot['material'], SourcingLot['unit'], number, number, boolean][] = [
  ['oak', 'piece', 500, 4000, true],
  ['beech', 'piece', 400, 3000, true],
  ['ash', 'piece', 400, 3500, true],
  ['pine', 'piece', 200, 1500, true],
  ['plywood', 'sheet', 1500, 6000, true],
  ['mdf', 'sheet', 800, 3000, true],
  ['steel', 'kg', 50, 300, false],
  ['aluminium', 'kg', 150, 600, false],
  ['brass', 'kg', 400, 1200, false],
  ['linen', 'm2', 300, 1500, false],
  ['cotton', 'm2', 200, 1000, false],
  ['leather_bovine_vegetable', 'm2', 2000, 8000, false],
  ['wool', 'kg', 300, 1500, false],
  ['pmma', 'sheet', 1000, 5000, true],
];

const rng = mulberry32(2026);
const sellers = Array.from({ length: SELLERS }, (_, s) => {
  const c = communes[Math.floor(rng() * communes.length)]!;
  return { id: `seller${s}`, distanceKm: haversineKm(c, lyon) * DETOUR };
});
const lots: SourcingLot[] = [];
for (let i = 0; i < LOTS; i++) {
  const seller = sellers[Math.floor(rng() * SELLERS)]!;
  const [material, unit, lo, hi, sized] = KINDS[Math.floor(rng() * KINDS.length)]!;
  lots.push({
    id: `lot${i}`,
    sellerId: seller.id,
    material,
    unit,
    available: unit === 'piece' || unit === 'sheet' ? 1 + Math.floor(rng() * 12) : round(1 + rng() * 40, 1),
    priceCentsPerUnit: lo + Math.floor(rng() * (hi - lo)),
    distanceKm: seller.distanceKm,
    lengthMm: sized ? 300 + Math.floor(rng() * 2200) : null,
    widthMm: sized ? 50 + Math.floor(rng() * 1150) : null,
    thicknessMm: sized ? 5 + Math.floor(rng() * 60) : null,
  });
}

const bom = [
  {
    id: 'legs',
    material: 'oak',
    substitutes: ['ash'],
    quantity: 8,
    unit: 'piece',
    minLengthMm: 750,
    minWidthMm: 70,
    minThicknessMm: 45,
  },
  {
    id: 'rails',
    material: 'oak',
    substitutes: ['beech'],
    quantity: 8,
    unit: 'piece',
    minLengthMm: 1100,
    minWidthMm: 90,
  },
  {
    id: 'top',
    material: 'oak',
    quantity: 4,
    unit: 'piece',
    minLengthMm: 1800,
    minWidthMm: 200,
    minThicknessMm: 27,
  },
  { id: 'slats', material: 'beech', quantity: 20, unit: 'piece', minLengthMm: 500, minWidthMm: 60 },
  { id: 'carcass', material: 'plywood', quantity: 3, unit: 'sheet', minLengthMm: 1200, minWidthMm: 600 },
  { id: 'back', material: 'mdf', substitutes: ['plywood'], quantity: 2, unit: 'sheet', minLengthMm: 900 },
  { id: 'frame', material: 'steel', quantity: 25, unit: 'kg' },
  { id: 'fittings', material: 'brass', substitutes: ['aluminium'], quantity: 3, unit: 'kg' },
  { id: 'cover', material: 'linen', substitutes: ['cotton'], quantity: 6, unit: 'm2' },
  { id: 'seat', material: 'leather_bovine_vegetable', quantity: 2.5, unit: 'm2' },
  { id: 'padding', material: 'wool', quantity: 4, unit: 'kg' },
  { id: 'guard', material: 'plastic', quantity: 2, unit: 'sheet', minLengthMm: 600, minWidthMm: 400 },
];

await loadHighs();
const t = performance.now();
const { plan, model } = await planSourcing({
  lines: bom,
  lots,
  costs: { centsPerKm: 35, centsPerSeller: 1500 },
  candidates: { radiusKm: 50, perSeller: 2, maxPerLine: Number(process.env.BENCH_BOM_PER_LINE ?? 15) },
  timeLimitSec: Number(process.env.BENCH_BOM_TIME_LIMIT_S ?? 1.5),
});
const solveMs = performance.now() - t;

console.log(
  `${bom.length} lines over ${lots.length} lots: ${model.candidateLots} candidate lots, ${model.sellers.length} sellers in the program, ` +
    `${plan.status}, ${plan.sellers.length} sellers visited, ${(plan.goodsCents / 100).toFixed(2)} € goods + ` +
    `${(plan.tripCents / 100).toFixed(2)} € trips, gap ${plan.gapPct} %, solver ${round(plan.solveMs)} ms, total ${round(solveMs)} ms`,
);
if (plan.uncovered.length > 0) console.log('uncovered:', plan.uncovered);
const rows = [
  {
    lines: bom.length,
    lots: lots.length,
    solve_ms: round(solveMs),
    gap_pct: plan.gapPct,
    covered_lines: plan.coveredLines,
    candidate_lots: model.candidateLots,
    sellers_visited: plan.sellers.length,
    solver_ms: round(plan.solveMs),
  },
];
console.log(`RESULT ${JSON.stringify({ rows })}`);
