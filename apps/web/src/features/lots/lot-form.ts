/**
 * The post form's values and their mapping to the API's `lotInputSchema`: prices are typed in
 * euros and sent as integer cents, lengths and widths typed in cm (as search and wanted requests
 * show them) and sent as integer mm, thickness in mm, only the dimensions the unit uses are sent,
 * and the domain's own measure rules (needed dimensions, whole counts) run in the browser too.
 */
import { type LotFormValues, type LotView, translate } from '@retaille/api/client';
import {
  type DimensionField,
  getMaterial,
  getUnit,
  type LotCondition,
  type MaterialFamilyKey,
  type RecurringPeriod,
  type UnitKey,
  validateMeasure,
} from '@retaille/domain/web';
import type { AppLocale } from '../../i18n/i18n.ts';
import type { FieldErrors } from '../../lib/errors.ts';
import { formatNumber } from '../../lib/format.ts';
import { cmToMm, mmToCm, scaled } from '../../lib/units.ts';

export interface LotFormState {
  siteId: string;
  title: string;
  description: string;
  materialKey: string;
  condition: LotCondition;
  unit: UnitKey;
  quantity: number | string;
  /** In cm (stored in mm). */
  lengthCm: number | string;
  /** In cm (stored in mm). */
  widthCm: number | string;
  thicknessMm: number | string;
  rollLengthM: number | string;
  weighed: boolean;
  measuredKg: number | string;
  free: boolean;
  priceEur: number | string;
  availableFrom: string;
  availableUntil: string;
  recurringOn: boolean;
  recurringQuantity: number | string;
  recurringPeriod: RecurringPeriod;
}

export const emptyLotForm = (siteId: string): LotFormState => ({
  siteId,
  title: '',
  description: '',
  materialKey: '',
  condition: 'offcut',
  unit: 'piece',
  quantity: '',
  lengthCm: '',
  widthCm: '',
  thicknessMm: '',
  rollLengthM: '',
  weighed: false,
  measuredKg: '',
  free: true,
  priceEur: '',
  availableFrom: '',
  availableUntil: '',
  recurringOn: false,
  recurringQuantity: '',
  recurringPeriod: 'week',
});

/** The unit a family is usually counted in, to save a tap. */
export const usualUnit: Record<MaterialFamilyKey, UnitKey> = {
  wood: 'piece',
  wood_panels: 'sheet',
  textile: 'm',
  leather: 'm2',
  metal: 'kg',
  plastic: 'sheet',
  glass: 'piece',
  ceramics_clay: 'kg',
  paper_cardboard: 'kg',
  food_byproducts: 'kg',
  botanical_perfumery: 'kg',
  electronics: 'piece',
  mixed: 'kg',
};

const num = (v: number | string): number | undefined =>
  v === '' || v === null || v === undefined ? undefined : Number(v);

/** The form field (and its display unit) of each stored dimension. */
export const dimensionInputs: Record<
  DimensionField,
  { field: 'lengthCm' | 'widthCm' | 'thicknessMm' | 'rollLengthM'; unit: 'cm' | 'mm' | 'm' }
> = {
  lengthMm: { field: 'lengthCm', unit: 'cm' },
  widthMm: { field: 'widthCm', unit: 'cm' },
  thicknessMm: { field: 'thicknessMm', unit: 'mm' },
  rollLengthM: { field: 'rollLengthM', unit: 'm' },
};

/** Dimensions this unit uses, in the stored units (cm typed → integer mm); the others are null. */
export function dimensionsOf(v: LotFormState) {
  const used = new Set(getUnit(v.unit).dimensions);
  const pick = (f: DimensionField) => {
    const { field, unit } = dimensionInputs[f];
    const value = used.has(f) ? num(v[field]) : undefined;
    if (value === undefined) return null;
    return unit === 'cm' ? cmToMm(value) : value;
  };
  return {
    lengthMm: pick('lengthMm'),
    widthMm: pick('widthMm'),
    thicknessMm: pick('thicknessMm'),
    rollLengthM: pick('rollLengthM'),
  };
}

export function toLotInput(v: LotFormState, photoIds: string[], publish: boolean): LotFormValues {
  const price = num(v.priceEur);
  return {
    siteId: v.siteId,
    title: v.title,
    description: v.description,
    materialKey: v.materialKey as LotFormValues['materialKey'],
    condition: v.condition,
    unit: v.unit,
    quantity: num(v.quantity) as number,
    dimensions: dimensionsOf(v),
    // NaN, not undefined: an empty weighed mass must fail as "enter a number".
    measuredKg: v.weighed ? (num(v.measuredKg) ?? Number.NaN) : null,
    free: v.free,
    priceCents: v.free ? null : price === undefined ? null : scaled(price, 2),
    availableFrom: v.availableFrom || null,
    availableUntil: v.availableUntil || null,
    recurring: v.recurringOn
      ? { quantity: num(v.recurringQuantity) as number, period: v.recurringPeriod }
      : null,
    ewcCode: null,
    photoIds,
    publish,
  };
}

export function fromLot(lot: LotView): LotFormState {
  const s = (n: number | null) => (n === null ? '' : n);
  return {
    siteId: lot.siteId,
    title: lot.title,
    description: lot.description,
    materialKey: lot.materialKey,
    condition: lot.condition,
    unit: lot.unit,
    quantity: lot.quantity,
    lengthCm: lot.dimensions.lengthMm === null ? '' : mmToCm(lot.dimensions.lengthMm),
    widthCm: lot.dimensions.widthMm === null ? '' : mmToCm(lot.dimensions.widthMm),
    thicknessMm: s(lot.dimensions.thicknessMm),
    rollLengthM: s(lot.dimensions.rollLengthM),
    weighed: !lot.massEstimated && lot.massMethod === 'measured',
    measuredKg: lot.massMethod === 'measured' && lot.massKg !== null ? lot.massKg : '',
    free: lot.priceCents === null,
    priceEur: lot.priceCents === null ? '' : lot.priceCents / 100,
    availableFrom: lot.availableFrom ?? '',
    availableUntil: lot.availableUntil ?? '',
    recurringOn: lot.recurring !== null,
    recurringQuantity: lot.recurring?.quantity ?? '',
    recurringPeriod: lot.recurring?.period ?? 'week',
  };
}

/** API / schema paths → form fields. */
export function toFormErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const p = path.replace(/^lot\./, '');
    const field =
      p === 'priceCents'
        ? 'priceEur'
        : p.startsWith('dimensions.')
          ? (dimensionInputs[p.slice('dimensions.'.length) as DimensionField]?.field ??
            p.slice('dimensions.'.length))
          : p.startsWith('recurring')
            ? 'recurringQuantity'
            : p.startsWith('photoIds')
              ? 'photos'
              : p.startsWith('composition')
                ? 'materialKey'
                : p;
    out[field] ??= message;
  }
  return out;
}

/** The domain's measure rules (needed dimensions, whole counts, limits), as field errors. */
export function measureErrors(v: LotFormState, locale: AppLocale): FieldErrors {
  const quantity = num(v.quantity);
  if (quantity === undefined || Number.isNaN(quantity)) return {};
  const problems = validateMeasure({
    quantity,
    unit: v.unit,
    dimensions: dimensionsOf(v),
    measuredKg: v.weighed ? (num(v.measuredKg) ?? null) : null,
    material: getMaterial(v.materialKey) ?? null,
  });
  const out: FieldErrors = {};
  for (const p of problems) {
    // A limit is said in the field's own unit (« 2 000 cm au plus » for a length typed in cm).
    const dimension = p.path.startsWith('dimensions.')
      ? (p.path.slice('dimensions.'.length) as DimensionField)
      : undefined;
    const inCm = dimension !== undefined && dimensionInputs[dimension]?.unit === 'cm';
    const max = typeof p.params?.max === 'number' ? p.params.max : undefined;
    const params =
      p.key === 'measure.tooLarge' && max !== undefined
        ? {
            ...p.params,
            max: formatNumber(inCm ? mmToCm(max) : max, locale),
            ...(inCm ? { unit: 'cm' } : {}),
          }
        : p.params;
    out[p.path] ??= translate(p.key, locale, params);
  }
  return out;
}
