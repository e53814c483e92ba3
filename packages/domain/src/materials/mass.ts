/** Mass of a lot in kg: the weighed value when there is one, else an estimate from the taxonomy. */
import { getMaterial, type Material, type MaterialKey } from './taxonomy.ts';
import { type DimensionField, type Dimensions, KG_PER_MASS_UNIT, type UnitKey } from './units.ts';

export interface MassInput {
  material: MaterialKey | Material;
  quantity: number;
  unit: UnitKey;
  dimensions?: Dimensions | null;
  /** Weighed mass of the whole lot; wins over any estimate. */
  measuredKg?: number | null;
  /** The lot's own grammage (e.g. from a fabric's label); wins over thickness and the typical value. */
  arealMassGM2?: number | null;
}

export type MassMethod =
  | 'measured'
  | 'mass_unit'
  | 'volume_x_density'
  | 'box_x_density'
  | 'area_x_areal_mass'
  | 'area_x_thickness_x_density';

export type MassField =
  | 'material'
  | 'quantity'
  | 'measuredKg'
  | 'arealMassGM2'
  | `dimensions.${DimensionField}`;

export interface MassEstimate {
  ok: true;
  kg: number;
  /** False for a weighed mass or a quantity given in kg or t. */
  estimated: boolean;
  method: MassMethod;
  /** The density or areal mass the estimate used, for showing the working. */
  densityKgM3?: number;
  arealMassGM2?: number;
  /** The material's figure is a rough bulk value: suggest weighing. */
  rough: boolean;
}

export interface MassNotEstimable {
  ok: false;
  kg: null;
  method: 'cannot_estimate';
  /** `missing`: a needed field is absent; `invalid`: a given value is not a positive number. */
  reason: 'missing' | 'invalid' | 'unknown_material';
  fields: MassField[];
}

export type MassResult = MassEstimate | MassNotEstimable;

const isPositive = (v: number) => Number.isFinite(v) && v > 0;

// Float noise (28.000000000000004) would leak into totals and exports; a milligram is plenty.
const roundKg = (kg: number) => Math.round(kg * 1e6) / 1e6;

const fail = (reason: MassNotEstimable['reason'], fields: MassField[]): MassNotEstimable => ({
  ok: false,
  kg: null,
  method: 'cannot_estimate',
  reason,
  fields,
});

/**
 * kg of a lot. Weighed mass wins; kg and t convert; m³ × density; a piece or sheet is its
 * bounding box L × W × T × density × count; an area (m², piece without thickness, roll,
 * linear metre × width) × the lot's grammage, else × thickness × density, else × the material's
 * typical grammage. Never returns NaN: missing or invalid data gives `ok: false` with the fields.
 */
export function estimateMassKg(input: MassInput): MassResult {
  const material = typeof input.material === 'string' ? getMaterial(input.material) : input.material;
  if (!material) return fail('unknown_material', ['material']);

  if (input.measuredKg != null) {
    if (!isPositive(input.measuredKg)) return fail('invalid', ['measuredKg']);
    return { ok: true, kg: roundKg(input.measuredKg), estimated: false, method: 'measured', rough: false };
  }

  const { quantity, unit } = input;
  if (!isPositive(quantity)) return fail('invalid', ['quantity']);

  if (unit === 'kg' || unit === 't') {
    return {
      ok: true,
      kg: roundKg(quantity * KG_PER_MASS_UNIT[unit]),
      estimated: false,
      method: 'mass_unit',
      rough: false,
    };
  }
  const rough = material.roughDensity;
  const density = material.densityKgM3;
  if (unit === 'm3') {
    return done(quantity * density, 'volume_x_density', { densityKgM3: density, rough });
  }

  // The remaining units are an area (m²) per unit of quantity, times a thickness or a grammage.
  const dims = input.dimensions ?? {};
  const missing: MassField[] = [];
  const invalid: MassField[] = [];
  const read = (f: DimensionField): number | null => {
    const v = dims[f];
    if (v == null) {
      missing.push(`dimensions.${f}`);
      return null;
    }
    if (!isPositive(v)) {
      invalid.push(`dimensions.${f}`);
      return null;
    }
    return v;
  };
  const optional = (f: DimensionField): number | null => {
    const v = dims[f];
    if (v == null) return null;
    if (!isPositive(v)) {
      invalid.push(`dimensions.${f}`);
      return null;
    }
    return v;
  };

  let areaPerUnitM2: number | null;
  switch (unit) {
    case 'm2':
      areaPerUnitM2 = 1;
      break;
    case 'm': {
      const w = read('widthMm');
      areaPerUnitM2 = w == null ? null : w / 1000;
      break;
    }
    case 'piece':
    case 'sheet': {
      const l = read('lengthMm');
      const w = read('widthMm');
      areaPerUnitM2 = l == null || w == null ? null : (l / 1000) * (w / 1000);
      break;
    }
    case 'roll': {
      const l = read('rollLengthM');
      const w = read('widthMm');
      areaPerUnitM2 = l == null || w == null ? null : l * (w / 1000);
      break;
    }
  }

  const lotGrammage = input.arealMassGM2;
  if (lotGrammage != null && !isPositive(lotGrammage)) invalid.push('arealMassGM2');
  const thickness = optional('thicknessMm');

  if (invalid.length > 0) return fail('invalid', invalid);

  // Order: the lot's own grammage, then its thickness × typical density, then typical grammage.
  let perM2: { kg: number; method: MassMethod; densityKgM3?: number; arealMassGM2?: number } | null = null;
  if (lotGrammage != null) {
    perM2 = { kg: lotGrammage / 1000, method: 'area_x_areal_mass', arealMassGM2: lotGrammage };
  } else if (thickness != null) {
    perM2 = {
      kg: (thickness / 1000) * density,
      method: unit === 'piece' || unit === 'sheet' ? 'box_x_density' : 'area_x_thickness_x_density',
      densityKgM3: density,
    };
  } else if (material.arealMassGM2 != null) {
    perM2 = {
      kg: material.arealMassGM2 / 1000,
      method: 'area_x_areal_mass',
      arealMassGM2: material.arealMassGM2,
    };
  } else {
    missing.push('dimensions.thicknessMm');
  }

  if (missing.length > 0 || areaPerUnitM2 == null || perM2 == null) return fail('missing', missing);
  const { kg, method, ...basis } = perM2;
  return done(quantity * areaPerUnitM2 * kg, method, {
    ...basis,
    rough: rough && lotGrammage == null,
  });
}

/**
 * The heaviest lot an estimate may report: 1 000 000 t. Lot masses are stored as numeric(14, 3)
 * (below 10^11 kg); the largest inputs the forms allow (10^6 pieces of 20 m × 10 m × 1 m steel)
 * would otherwise estimate 1.6 × 10^12 kg and overflow the column.
 */
export const MAX_ESTIMATED_MASS_KG = 1_000_000_000;

function done(
  kg: number,
  method: MassMethod,
  basis: { densityKgM3?: number; arealMassGM2?: number; rough: boolean },
): MassResult {
  if (!Number.isFinite(kg) || kg <= 0 || kg > MAX_ESTIMATED_MASS_KG) return fail('invalid', ['quantity']);
  return { ok: true, kg: roundKg(kg), estimated: true, method, ...basis };
}
