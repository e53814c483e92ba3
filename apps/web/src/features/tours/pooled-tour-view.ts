import type { PooledTourOutput } from '@retaille/api/client';
import type { TourOk } from './tour-export.ts';

/** One vehicle of a pooled tour in the shape of a single tour (depot → stops → depot), for the map and the exports. */
export function vehicleAsTour(plan: PooledTourOutput, vehicle: number): TourOk {
  const v = plan.vehicles[vehicle]!;
  const legs = v.stops.reduce((sum, s) => sum + s.legKm, 0);
  return {
    status: 'ok',
    day: plan.day,
    method: 'heuristic',
    optimal: false,
    vehicleKey: plan.vehicleKey,
    start: plan.depot.point,
    end: plan.depot.point,
    startMin: v.stops[0] ? v.stops[0].arrivalMin : 0,
    endMin: v.stops.at(-1)?.serviceStartMin ?? 0,
    lastLegKm: Math.max(0, v.km - legs),
    km: v.km,
    separateKm: 0,
    co2eKg: 0,
    separateCo2eKg: 0,
    loadKg: v.loadKg,
    stops: v.stops.map((s) => ({
      tradeId: s.tradeId,
      siteId: plan.depot.siteId,
      siteName: s.siteName,
      communeName: s.communeName,
      lotTitle: s.lotTitle,
      point: s.point,
      loadKg: s.loadKg,
      arrivalMin: s.arrivalMin,
      serviceStartMin: s.serviceStartMin,
      departureMin: s.serviceStartMin,
      waitMin: Math.max(0, s.serviceStartMin - s.arrivalMin),
      legKm: s.legKm,
    })),
  };
}
