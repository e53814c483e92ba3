/** Units a lot is counted in, the piece dimensions each one needs, and their validation. */
import type { FieldProblem } from '../shared/errors.ts';
import type { LocalizedLabel, Material } from './taxonomy.ts';

export const unitKeys = ['kg', 't', 'm', 'm2', 'm3', 'piece', 'sheet', 'roll'] as const;
export type UnitKey = (typeof unitKeys)[number];
export const isUnitKey = (k: string): k is UnitKey => (unitKeys as readonly string[]).includes(k);

export type UnitKind = 'mass' | 'length' | 'area' | 'volume' | 'count';

/** Piece dimensions: lengths and thickness in mm; a roll's length in m (rolls run to tens of metres). */
export interface Dimensions {
  lengthMm?: number | null;
  widthMm?: number | null;
  thicknessMm?: number | null;
  rollLengthM?: number | null;
}
export const dimensionFields = ['lengthMm', 'widthMm', 'thicknessMm', 'rollLengthM'] as const;
export type DimensionField = (typeof dimensionFields)[number];

export interface UnitDef {
  key: UnitKey;
  kind: UnitKind;
  label: LocalizedLabel;
  plural: LocalizedLabel;
  /** Short symbol shown after a number ("12 pce", "3,5 m²"). */
  symbol: LocalizedLabel;
  /** Counted in whole numbers. */
  integer: boolean;
  /** The dimensions that make sense for this unit (see `requiredDimensions` for what is needed). */
  dimensions: readonly DimensionField[];
}

const unitDefs: Record<UnitKey, Omit<UnitDef, 'key'>> = {
  kg: {
    kind: 'mass',
    label: { fr: 'kilogramme', en: 'kilogram' },
    plural: { fr: 'kilogrammes', en: 'kilograms' },
    symbol: { fr: 'kg', en: 'kg' },
    integer: false,
    dimensions: [],
  },
  t: {
    kind: 'mass',
    label: { fr: 'tonne', en: 'tonne' },
    plural: { fr: 'tonnes', en: 'tonnes' },
    symbol: { fr: 't', en: 't' },
    integer: false,
    dimensions: [],
  },
  m: {
    kind: 'length',
    label: { fr: 'mètre linéaire', en: 'linear metre' },
    plural: { fr: 'mètres linéaires', en: 'linear metres' },
    symbol: { fr: 'ml', en: 'lm' },
    integer: false,
    dimensions: ['widthMm', 'thicknessMm'],
  },
  m2: {
    kind: 'area',
    label: { fr: 'mètre carré', en: 'square metre' },
    plural: { fr: 'mètres carrés', en: 'square metres' },
    symbol: { fr: 'm²', en: 'm²' },
    integer: false,
    dimensions: ['thicknessMm'],
  },
  m3: {
    kind: 'volume',
    label: { fr: 'mètre cube', en: 'cubic metre' },
    plural: { fr: 'mètres cubes', en: 'cubic metres' },
    symbol: { fr: 'm³', en: 'm³' },
    integer: false,
    dimensions: [],
  },
  piece: {
    kind: 'count',
    label: { fr: 'pièce', en: 'piece' },
    plural: { fr: 'pièces', en: 'pieces' },
    symbol: { fr: 'pce', en: 'pc' },
    integer: true,
    dimensions: ['lengthMm', 'widthMm', 'thicknessMm'],
  },
  sheet: {
    kind: 'count',
    label: { fr: 'plaque', en: 'sheet' },
    plural: { fr: 'plaques', en: 'sheets' },
    symbol: { fr: 'pl.', en: 'sh.' },
    integer: true,
    dimensions: ['lengthMm', 'widthMm', 'thicknessMm'],
  },
  roll: {
    kind: 'count',
    label: { fr: 'rouleau', en: 'roll' },
    plural: { fr: 'rouleaux', en: 'rolls' },
    symbol: { fr: 'rl.', en: 'roll' },
    integer: true,
    dimensions: ['rollLengthM', 'widthMm', 'thicknessMm'],
  },
};

export const units: readonly UnitDef[] = unitKeys.map((key) => ({ key, ...unitDefs[key] }));

export function getUnit(key: UnitKey): UnitDef {
  return { key, ...unitDefs[key] };
}

/**
 * Dimensions needed to turn a quantity in `unit` into kg. Thickness is not needed when the
 * material has an areal mass (fabric, leather, paper), since area × g/m² gives the mass.
 */
export function requiredDimensions(
  unit: UnitKey,
  material?: Pick<Material, 'arealMassGM2'> | null,
): DimensionField[] {
  const byArea = material?.arealMassGM2 != null;
  const thickness: DimensionField[] = byArea ? [] : ['thicknessMm'];
  switch (unit) {
    case 'kg':
    case 't':
    case 'm3':
      return [];
    case 'm2':
      return thickness;
    case 'm':
      return ['widthMm', ...thickness];
    case 'piece':
    case 'sheet':
      return ['lengthMm', 'widthMm', ...thickness];
    case 'roll':
      return ['rollLengthM', 'widthMm', ...thickness];
  }
}

// ---------------------------------------------------------------------------------------------
// Mass units

export const massUnitKeys = ['kg', 't'] as const;
export type MassUnitKey = (typeof massUnitKeys)[number];
export const isMassUnit = (u: string): u is MassUnitKey => u === 'kg' || u === 't';

export const KG_PER_MASS_UNIT: Record<MassUnitKey, number> = { kg: 1, t: 1000 };

export function convertMass(value: number, from: MassUnitKey, to: MassUnitKey): number {
  return (value * KG_PER_MASS_UNIT[from]) / KG_PER_MASS_UNIT[to];
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * Upper bounds beyond which a value is a typing mistake: no offcut is 20 m long or 1 m thick,
 * no sheet 10 m wide (jumbo glass is 6 m × 3.21 m), no roll 10 km long.
 */
export const DIMENSION_LIMITS: Record<DimensionField, number> = {
  lengthMm: 20_000,
  widthMm: 10_000,
  thicknessMm: 1_000,
  rollLengthM: 10_000,
};
/** The unit each dimension field is stored in (named in « too large » messages). */
export const DIMENSION_UNITS: Record<DimensionField, 'mm' | 'm'> = {
  lengthMm: 'mm',
  widthMm: 'mm',
  thicknessMm: 'mm',
  rollLengthM: 'm',
};
export const MAX_QUANTITY = 1_000_000;

function checkPositive(value: number, path: string, max: number, unit?: string): FieldProblem | null {
  if (!Number.isFinite(value)) return { path, key: 'measure.notANumber' };
  if (value < 0) return { path, key: 'measure.negative' };
  if (value === 0) return { path, key: 'measure.zero' };
  if (value > max) return { path, key: 'measure.tooLarge', params: unit ? { max, unit } : { max } };
  return null;
}

/** Problems with a quantity: not a number, negative, zero, above `MAX_QUANTITY`, fractional count. */
export function validateQuantity(quantity: number, unit: UnitKey, path = 'quantity'): FieldProblem[] {
  const p = checkPositive(quantity, path, MAX_QUANTITY);
  if (p) return [p];
  if (unitDefs[unit].integer && !Number.isInteger(quantity)) return [{ path, key: 'measure.notInteger' }];
  return [];
}

/**
 * Problems with the given dimensions (not a number, negative, zero, absurdly large); with
 * `required`, also each listed field that is missing.
 */
export function validateDimensions(
  dimensions: Dimensions | null | undefined,
  required: readonly DimensionField[] = [],
  path = 'dimensions',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const f of dimensionFields) {
    const value = dimensions?.[f];
    const fieldPath = `${path}.${f}`;
    if (value == null) {
      if (required.includes(f)) problems.push({ path: fieldPath, key: 'measure.required' });
      continue;
    }
    const p = checkPositive(value, fieldPath, DIMENSION_LIMITS[f], DIMENSION_UNITS[f]);
    if (p) problems.push(p);
  }
  return problems;
}

export interface MeasureInput {
  quantity: number;
  unit: UnitKey;
  dimensions?: Dimensions | null;
  measuredKg?: number | null;
  material?: Pick<Material, 'arealMassGM2'> | null;
}

/**
 * Everything wrong with a lot's measure. Dimensions are required only when no weighed mass is
 * given, because they then serve to estimate the kg.
 */
export function validateMeasure(input: MeasureInput): FieldProblem[] {
  const weighed = input.measuredKg != null;
  const required = weighed ? [] : requiredDimensions(input.unit, input.material);
  const problems = [
    ...validateQuantity(input.quantity, input.unit),
    ...validateDimensions(input.dimensions, required),
  ];
  if (weighed) {
    const p = checkPositive(input.measuredKg as number, 'measuredKg', MAX_QUANTITY * 1000);
    if (p) problems.push(p);
  }
  return problems;
}
