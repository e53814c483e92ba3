import type { FactorSet } from '../impact/factor-registry.ts';
import { pairBreakEven } from '../impact/method.ts';
import type { Range } from '../impact/travel.ts';
import type { AllocationLot, AllocationRequest, CandidatePair } from './allocation.ts';

/**
 * Matching's break-even (docs/impact-method.md §9): a pair's estimated net CO2e if the most it
 * can carry (min of the lot's and the request's kg) travelled by the default mode, a dedicated
 * diesel van there and back. The van is a fixed cost per trip, so a pair carrying less is worse:
 * a pair whose best case is negative can never pay its trip.
 */
export interface PairEstimate {
  lotId: string;
  requestId: string;
  maxKg: number;
  netKgCo2e: Range;
  worthTheTrip: boolean;
}

export function estimatePairs(
  lots: readonly AllocationLot[],
  requests: readonly AllocationRequest[],
  pairs: readonly (CandidatePair & { materialKey: string })[],
  factorSet: FactorSet,
): PairEstimate[] {
  const lotKg = new Map(lots.map((l) => [l.id, l.availableKg]));
  const requestKg = new Map(requests.map((r) => [r.id, r.maxKg]));
  return pairs.map((p) => {
    const maxKg = Math.min(lotKg.get(p.lotId) ?? 0, requestKg.get(p.requestId) ?? 0);
    const b = pairBreakEven(
      { materialKey: p.materialKey, massKg: maxKg, distanceKm: p.distanceKm },
      factorSet,
    );
    return {
      lotId: p.lotId,
      requestId: p.requestId,
      maxKg,
      netKgCo2e: b.netKgCo2e,
      worthTheTrip: b.worthTheTrip,
    };
  });
}

/** The pairs to give the allocation when it is asked to leave out those that cannot pay their trip. */
export function pairsWorthTheTrip<P extends CandidatePair & { materialKey: string }>(
  lots: readonly AllocationLot[],
  requests: readonly AllocationRequest[],
  pairs: readonly P[],
  factorSet: FactorSet,
): P[] {
  const estimates = estimatePairs(lots, requests, pairs, factorSet);
  return pairs.filter((_, i) => estimates[i]?.worthTheTrip === true);
}
