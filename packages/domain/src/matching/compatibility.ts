import { materialFit } from '../materials/substitutes.ts';
import { getMaterial, type MaterialKey } from '../materials/taxonomy.ts';
import { isMassUnit, KG_PER_MASS_UNIT, type UnitKey } from '../materials/units.ts';
import type { MaterialFit } from './score.ts';

const rank: Record<MaterialFit, number> = { exact: 3, substitute: 2, same_family: 1, none: 0 };

/**
 * How well an offered material serves a request listing several materials: the best fit over
 * them. Without substitutes accepted, only the exact materials count.
 */
export function bestMaterialFit(
  requested: readonly string[],
  offered: string,
  acceptSubstitutes: boolean,
): MaterialFit {
  let best: MaterialFit = 'none';
  if (!getMaterial(offered)) return best;
  for (const key of requested) {
    if (!getMaterial(key)) continue;
    const fit = materialFit(key as MaterialKey, offered as MaterialKey);
    if (!acceptSubstitutes && fit !== 'exact') continue;
    if (rank[fit] > rank[best]) best = fit;
  }
  return best;
}

export interface LotQuantityInfo {
  unit: UnitKey;
  /** Quantity still available, in the lot's unit. */
  available: number;
  /** Whole listed quantity and its mass, to get kg per unit. */
  quantity: number;
  massKg: number | null;
}

/** kg per unit of a lot, from its (estimated or weighed) mass. */
export function kgPerUnit(lot: LotQuantityInfo): number | null {
  if (isMassUnit(lot.unit)) return KG_PER_MASS_UNIT[lot.unit];
  if (lot.massKg === null || lot.quantity <= 0) return null;
  return lot.massKg / lot.quantity;
}

/**
 * The lot's available quantity expressed in the request's unit: the same unit as is; mass units
 * convert; a request in kg or t reads any lot through its mass. Other mixes (pieces for m²…)
 * are not comparable: null, and the lot is not proposed.
 */
export function availableInUnit(lot: LotQuantityInfo, requestUnit: UnitKey): number | null {
  if (lot.unit === requestUnit) return lot.available;
  if (isMassUnit(requestUnit)) {
    const perUnit = kgPerUnit(lot);
    if (perUnit === null) return null;
    return (lot.available * perUnit) / KG_PER_MASS_UNIT[requestUnit];
  }
  return null;
}

/** The lot's price per unit of the request, when quantities are comparable. */
export function unitPriceInUnit(
  lot: LotQuantityInfo & { priceCents: number | null },
  requestUnit: UnitKey,
): number | null {
  if (lot.priceCents === null) return null;
  const inUnit = availableInUnit({ ...lot, available: 1 }, requestUnit);
  if (inUnit === null || inUnit === 0) return null;
  return lot.priceCents / inUnit;
}
