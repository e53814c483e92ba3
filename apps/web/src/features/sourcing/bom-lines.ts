import type { PlanSourcingInput } from '@retaille/api/client';
import type { UnitKey } from '@retaille/domain/web';

/** A line as the form holds it: numbers may be empty while typing. */
export interface BomLineDraft {
  key: number;
  id: string;
  material: string | null;
  substitutes: string[];
  quantity: number | string;
  unit: UnitKey;
  minLengthMm: number | string;
  minWidthMm: number | string;
  minThicknessMm: number | string;
}

let next = 1;
export function newLine(n: number): BomLineDraft {
  return {
    key: next++,
    id: `L${n}`,
    material: null,
    substitutes: [],
    quantity: '',
    unit: 'piece',
    minLengthMm: '',
    minWidthMm: '',
    minThicknessMm: '',
  };
}

const optional = (v: number | string) => (v === '' ? undefined : Number(v));

/** The lines as `sourcing.plan` takes them; the API names any bad field by its line. */
export function toApiLines(lines: readonly BomLineDraft[]): NonNullable<PlanSourcingInput['lines']> {
  return lines.map((l) => ({
    id: l.id.trim(),
    material: l.material ?? '',
    substitutes: l.substitutes,
    quantity: l.quantity === '' ? 0 : Number(l.quantity),
    unit: l.unit,
    minLengthMm: optional(l.minLengthMm),
    minWidthMm: optional(l.minWidthMm),
    minThicknessMm: optional(l.minThicknessMm),
  }));
}
