/** The fibre composition of a blended textile lot ("60 % coton, 40 % polyester"). */
import type { FieldProblem } from '../shared/errors.ts';
import { getMaterial, type MaterialKey } from './taxonomy.ts';

export interface CompositionPart {
  fibre: MaterialKey;
  /** Share of the mass, 0 < percent ≤ 100. */
  percent: number;
}
/** Optional on a lot: `composition?: Composition`. */
export type Composition = CompositionPart[];

/** Labels round each share, so a total within ±0.5 of 100 is accepted. */
export const COMPOSITION_SUM_TOLERANCE = 0.5;

/**
 * Problems with a composition, as field problems under `path` (e.g. `composition.1.percent`):
 * empty, unknown or non-fibre material, repeated fibre, share outside ]0, 100], total ≠ 100.
 */
export function validateComposition(parts: readonly CompositionPart[], path = 'composition'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (parts.length === 0) return [{ path, key: 'composition.empty' }];
  const seen = new Set<string>();
  let sum = 0;
  parts.forEach((part, i) => {
    const material = getMaterial(part.fibre);
    if (!material) {
      problems.push({
        path: `${path}.${i}.fibre`,
        key: 'composition.unknownFibre',
        params: { fibre: part.fibre },
      });
    } else if (!material.isFibre) {
      problems.push({
        path: `${path}.${i}.fibre`,
        key: 'composition.notAFibre',
        params: { fibre: part.fibre },
      });
    }
    if (seen.has(part.fibre)) {
      problems.push({
        path: `${path}.${i}.fibre`,
        key: 'composition.duplicateFibre',
        params: { fibre: part.fibre },
      });
    }
    seen.add(part.fibre);
    if (!Number.isFinite(part.percent) || part.percent <= 0 || part.percent > 100) {
      problems.push({
        path: `${path}.${i}.percent`,
        key: 'composition.percentOutOfRange',
        params: { min: 0, max: 100 },
      });
    } else {
      sum += part.percent;
    }
  });
  if (problems.length === 0 && Math.abs(sum - 100) > COMPOSITION_SUM_TOLERANCE) {
    problems.push({ path, key: 'composition.sumNot100', params: { sum: Math.round(sum * 100) / 100 } });
  }
  return problems;
}
