import type { LotRow, WantedRequestRow } from '@retaille/db';
import {
  type AllocationResult,
  type AllocationTotals,
  allocateMinTonneKm,
  availableInUnit,
  availableQuantity,
  bestMaterialFit,
  type CandidatePair,
  computeTransportEmissions,
  dimensionFit,
  EMBEDDED_FACTOR_SET,
  findCandidatePairs,
  greedyNearestFirst,
  isMassUnit,
  KG_PER_MASS_UNIT,
  kgPerUnit,
  MAX_RADIUS_KM,
} from '@retaille/domain';

/*
 * The allocation's problem and its two solutions, without I/O: the located lots and requests in kg
 * with their compatible pairs, the min tonne-km flow and the greedy nearest-first baseline, and
 * their totals. The service (allocation.service.ts) reads the inputs and stores the run.
 */

/** Located lots and requests in kg, and the compatible pairs within each request's radius. */
export function buildAllocationProblem(
  lotRows: (Pick<
    LotRow,
    | 'id'
    | 'material_key'
    | 'unit'
    | 'quantity'
    | 'quantity_reserved'
    | 'quantity_sold'
    | 'mass_kg'
    | 'lat'
    | 'lon'
  > & { length_mm?: number | null })[],
  requestRows: WantedRequestRow[],
) {
  const lots = lotRows
    .map((l) => {
      const info = {
        unit: l.unit,
        available: availableQuantity({
          quantity: l.quantity,
          reserved: l.quantity_reserved,
          sold: l.quantity_sold,
        }),
        quantity: l.quantity,
        massKg: l.mass_kg,
      };
      const perUnit = kgPerUnit(info);
      return {
        row: l,
        info,
        id: l.id,
        lat: l.lat,
        lon: l.lon,
        availableKg: perUnit === null ? 0 : info.available * perUnit,
      };
    })
    .filter((l) => l.availableKg > 0);
  const lotsById = new Map(lots.map((l) => [l.id, l]));
  // A request's demand in kg: direct for kg/t; otherwise through the kg per unit of the lots it
  // could take in its own unit (their mean), since a wanted "12 pieces" has no mass of its own.
  const requests = requestRows
    .map((r) => {
      const unit = r.unit;
      let perUnit: number | null = isMassUnit(unit) ? KG_PER_MASS_UNIT[unit] : null;
      if (perUnit === null) {
        const same = lots.filter(
          (l) =>
            l.info.unit === unit &&
            bestMaterialFit(r.material_keys, l.row.material_key, r.accept_substitutes) !== 'none',
        );
        const values = same.map((l) => kgPerUnit(l.info)).filter((v): v is number => v !== null);
        perUnit = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
      }
      return {
        row: r,
        id: r.id,
        lat: r.lat,
        lon: r.lon,
        radiusKm: Math.min(r.max_distance_km, MAX_RADIUS_KM),
        maxKg: perUnit === null ? 0 : r.quantity_max * perUnit,
        minKg: perUnit === null ? 0 : r.quantity_min * perUnit,
      };
    })
    .filter((r) => r.maxKg > 0);
  const pairs = findCandidatePairs(lots, requests, (lot, request) => {
    if (
      bestMaterialFit(request.row.material_keys, lot.row.material_key, request.row.accept_substitutes) ===
      'none'
    )
      return false;
    if (availableInUnit(lot.info, request.row.unit) === null) return false;
    const minLength = request.row.min_length_mm;
    const length = lot.row.length_mm ?? null;
    return dimensionFit({ lengthMm: length }, { lengthMm: minLength }) !== 'too_small';
  });
  return { lots, requests, pairs, lotsById };
}

export function allocationTotals(result: AllocationResult): AllocationTotals {
  let co2 = 0;
  for (const f of result.flows) {
    co2 += computeTransportEmissions({
      distanceKm: f.distanceKm,
      massKg: f.kg,
      factorSet: EMBEDDED_FACTOR_SET,
    }).totalKgCo2e;
  }
  return {
    kg: Math.round(result.totalKg * 1000) / 1000,
    tonneKm: Math.round(result.tonneKm * 1000) / 1000,
    transportCo2eKg: Math.round(co2 * 100) / 100,
    flows: result.flows.length,
  };
}

/** Solves an allocation and its greedy nearest-first baseline on the same pairs. */
export function solveAllocation(
  lots: { id: string; availableKg: number }[],
  requests: { id: string; maxKg: number; minKg?: number }[],
  pairs: CandidatePair[],
) {
  const started = performance.now();
  const optimal = allocateMinTonneKm(lots, requests, pairs);
  const solveMs = performance.now() - started;
  const greedy = greedyNearestFirst(lots, requests, pairs);
  const atGreedyKg = allocateMinTonneKm(lots, requests, pairs, { totalKg: greedy.totalKg });
  return { optimal, greedy, atGreedyKg, solveMs };
}
