/**
 * The post form's values and their mapping to the API's `lotInputSchema`: prices are typed in
 * euros and sent as integer cents, only the dimensions the unit uses are sent, and the domain's
 * own measure rules (needed dimensions, whole counts) run in the browser too.
 */
import { fieldErrorsFromProblems, type LotFormValues, type LotView } from '@retaille/api/client';
import {
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

export interface LotFormState {
  siteId: string;
  title: string;
  description: string;
  materialKey: string;
  condition: LotCondition;
  unit: UnitKey;
  quantity: number | string;
  lengthMm: number | string;
  widthMm: number | string;
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
  lengthMm: '',
  widthMm: '',
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

/** Dimensions this unit uses; the others are sent as null. */
export function dimensionsOf(v: LotFormState) {
  const used = new Set(getUnit(v.unit).dimensions);
  const pick = (f: 'lengthMm' | 'widthMm' | 'thicknessMm' | 'rollLengthM') =>
    used.has(f) ? (num(v[f]) ?? null) : null;
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
    priceCents: v.free ? null : price === undefined ? null : Math.round(price * 100),
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
    lengthMm: s(lot.dimensions.lengthMm),
    widthMm: s(lot.dimensions.widthMm),
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
          ? p.slice('dimensions.'.length)
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
  for (const f of fieldErrorsFromProblems(problems)) out[f.path] ??= f[locale];
  return out;
}
