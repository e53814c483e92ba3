import { getUnit } from '../materials/units.ts';
import type { SourcingLot, SourcingModel, UncoveredReason } from './sourcing-model.ts';

/**
 * The solver's answer to the sourcing program (`sourcing-model.ts`) read back into a plan: picks,
 * visited sellers, uncovered lines with their reason, totals in cents, the gap. Pure.
 */

/** What the solver reports, independent of the solver package. */
export interface SolverOutput {
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error';
  /** Values by column name (absent when no solution was found). */
  values: Readonly<Record<string, number>> | null;
  objective: number | null;
  /** Best proven lower bound. */
  dualBound: number | null;
  /** Relative gap (primal − dual) / |primal|, as the solver reports it; 0 when proven optimal. */
  gap: number | null;
  solveMs: number;
}

export interface SourcingPick {
  lineId: string;
  lotId: string;
  sellerId: string;
  quantity: number;
  goodsCents: number;
}

export interface SourcingPlan {
  status: 'optimal' | 'feasible' | 'no_solution';
  picks: SourcingPick[];
  sellers: { sellerId: string; distanceKm: number; tripCents: number }[];
  uncovered: { lineId: string; reason: UncoveredReason; shortfall: number }[];
  coveredLines: number;
  goodsCents: number;
  tripCents: number;
  totalCents: number;
  /** Percent; 0 when proven optimal, null without a bound. */
  gapPct: number | null;
  solveMs: number;
}

const EPS = 1e-6;

/**
 * Reads the solver's values back into picks, visited sellers and uncovered lines. Integer
 * quantities are rounded (the solver's integrality tolerance leaves 2.9999999); money in whole
 * cents, rounded half up per pick.
 */
export function parseSourcingSolution(model: SourcingModel, out: SolverOutput): SourcingPlan {
  const values = out.values;
  const gapPct = out.status === 'optimal' ? 0 : out.gap === null ? null : out.gap * 100;
  if (values === null || out.status === 'infeasible' || out.status === 'error') {
    return {
      status: 'no_solution',
      picks: [],
      sellers: [],
      uncovered: model.candidates.map(({ line }) => ({
        lineId: line.id,
        reason:
          model.uncoveredBeforeSolve.find((u) => u.lineId === line.id)?.reason ??
          'sourcing.notEnoughQuantity',
        shortfall: line.quantity,
      })),
      coveredLines: 0,
      goodsCents: 0,
      tripCents: 0,
      totalCents: 0,
      gapPct,
      solveMs: out.solveMs,
    };
  }
  const lotsById = new Map<string, SourcingLot>();
  for (const c of model.candidates) for (const lot of c.lots) lotsById.set(lot.id, lot);
  const picks: SourcingPick[] = [];
  const sellers: SourcingPlan['sellers'] = [];
  const uncovered: SourcingPlan['uncovered'] = [];
  for (const col of model.columns) {
    const v = values[col.name] ?? 0;
    if (col.kind === 'buy' && v > EPS) {
      const line = model.candidates[col.lineIndex]!.line;
      const lot = lotsById.get(col.lotId!)!;
      const quantity = getUnit(line.unit).integer ? Math.round(v) : Number(v.toPrecision(12));
      if (quantity <= 0) continue;
      picks.push({
        lineId: line.id,
        lotId: lot.id,
        sellerId: lot.sellerId,
        quantity,
        goodsCents: Math.floor(quantity * lot.priceCentsPerUnit + 0.5),
      });
    } else if (col.kind === 'visit' && v > 0.5) {
      const seller = model.sellers.find((s) => s.sellerId === col.sellerId)!;
      sellers.push({
        sellerId: seller.sellerId,
        distanceKm: seller.distanceKm,
        tripCents: Math.floor(
          2 * seller.distanceKm * model.costs.centsPerKm + model.costs.centsPerSeller + 0.5,
        ),
      });
    } else if (col.kind === 'uncovered' && v > EPS) {
      const line = model.candidates[col.lineIndex]!.line;
      uncovered.push({
        lineId: line.id,
        reason:
          model.uncoveredBeforeSolve.find((u) => u.lineId === line.id)?.reason ??
          'sourcing.notEnoughQuantity',
        shortfall: Number(v.toPrecision(12)),
      });
    }
  }
  const goodsCents = picks.reduce((s, p) => s + p.goodsCents, 0);
  const tripCents = sellers.reduce((s, p) => s + p.tripCents, 0);
  return {
    status: out.status === 'optimal' ? 'optimal' : 'feasible',
    picks,
    sellers,
    uncovered,
    coveredLines: model.candidates.length - uncovered.length,
    goodsCents,
    tripCents,
    totalCents: goodsCents + tripCents,
    gapPct,
    solveMs: out.solveMs,
  };
}
