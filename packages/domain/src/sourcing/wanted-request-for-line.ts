import type { z } from 'zod';
import type { searchPointSchema } from '../lots/lot.schemas.ts';
import type { requestInputSchema } from '../lots/request.schemas.ts';
import { getUnit } from '../materials/units.ts';
import type { BomLine } from './bom.ts';

/** A wanted request holds at most this many material keys (`requestInputSchema`). */
const REQUEST_MAX_MATERIALS = 20;

/**
 * The wanted request to post for what a line could not get (« publier une demande »): the line's
 * accepted materials, its unit and minimum piece, the shortfall (rounded up to a whole unit when
 * the unit counts pieces), around the same point and within the same radius as the plan.
 */
export function wantedRequestForLine(
  line: BomLine,
  shortfall: number,
  around: { point: z.output<typeof searchPointSchema>; radiusKm: number },
): z.output<typeof requestInputSchema> {
  const quantity = getUnit(line.unit).integer
    ? Math.ceil(shortfall - 1e-9)
    : Math.round(shortfall * 1000) / 1000;
  const title = `Nomenclature – ${line.id}`.slice(0, 120);
  return {
    title: title.length >= 3 ? title : `${title}   `.slice(0, 3),
    description: '',
    materialKeys: line.accepted.slice(0, REQUEST_MAX_MATERIALS),
    acceptSubstitutes: false,
    unit: line.unit,
    quantityMin: quantity,
    quantityMax: quantity,
    minLengthMm: line.minLengthMm,
    minWidthMm: line.minWidthMm,
    minThicknessMm: line.minThicknessMm,
    maxDistanceKm: around.radiusKm,
    point: around.point,
  };
}

/**
 * The trades one basket requests: a plan may take one lot for two lines, and a trade holds one
 * lot, so picks of the same lot are merged (quantities summed, lines listed), in first-seen order.
 */
export function basketRequestsOf(
  picks: readonly { lineId: string; lotId: string; quantity: number }[],
): { lotId: string; quantity: number; lineIds: string[] }[] {
  const byLot = new Map<string, { lotId: string; quantity: number; lineIds: string[] }>();
  for (const p of picks) {
    const merged = byLot.get(p.lotId);
    if (merged === undefined)
      byLot.set(p.lotId, { lotId: p.lotId, quantity: p.quantity, lineIds: [p.lineId] });
    else {
      merged.quantity = Math.round((merged.quantity + p.quantity) * 1000) / 1000;
      if (!merged.lineIds.includes(p.lineId)) merged.lineIds.push(p.lineId);
    }
  }
  return [...byLot.values()];
}
