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

/** Why a pair was left out of an allocation (the coordinator sees it beside the run). */
export const leftOutReasons = ['transport_exceeds_avoided'] as const;
export type LeftOutReason = (typeof leftOutReasons)[number];

export interface LeftOutPair extends PairEstimate {
  distanceKm: number;
  materialKey: string;
  reason: LeftOutReason;
}

/** What a run asked to leave out losing pairs keeps with its figures. */
export interface LosingPairsSummary {
  /** The option the run was started with. */
  leaveOutLosingPairs: boolean;
  /** Pairs left out in all (they may be more than those listed). */
  leftOutPairs: number;
  /** The worst of them first (lowest central net), at most `limit`. */
  leftOut: LeftOutPair[];
}

/**
 * Splits the candidate pairs of an allocation (docs/impact-method.md §9): those whose estimated
 * net, if the most they can carry travelled by the default van, is at least zero are kept; the
 * others are left out with their reason and estimate, worst first, the list capped at `limit`.
 */
export function leaveOutLosingPairs<P extends CandidatePair & { materialKey: string }>(
  lots: readonly AllocationLot[],
  requests: readonly AllocationRequest[],
  pairs: readonly P[],
  factorSet: FactorSet,
  limit = 100,
): { kept: P[]; summary: LosingPairsSummary } {
  const estimates = estimatePairs(lots, requests, pairs, factorSet);
  const kept: P[] = [];
  const leftOut: LeftOutPair[] = [];
  pairs.forEach((p, i) => {
    const e = estimates[i]!;
    if (e.worthTheTrip) kept.push(p);
    else
      leftOut.push({
        ...e,
        distanceKm: p.distanceKm,
        materialKey: p.materialKey,
        reason: 'transport_exceeds_avoided',
      });
  });
  leftOut.sort(
    (a, b) =>
      a.netKgCo2e.central - b.netKgCo2e.central ||
      a.lotId.localeCompare(b.lotId) ||
      a.requestId.localeCompare(b.requestId),
  );
  return {
    kept,
    summary: { leaveOutLosingPairs: true, leftOutPairs: leftOut.length, leftOut: leftOut.slice(0, limit) },
  };
}
