import type { SiteRow } from '@retaille/db';
import {
  DomainError,
  estimateMassKg,
  type FieldProblem,
  getMaterial,
  lotReachesMinimumCharge,
  validateComposition,
  validateMeasure,
} from '@retaille/domain';
import type { LotInput } from './lot.dto.ts';

/** One VALIDATION error listing every field problem. */
export const validation = (fields: FieldProblem[]) =>
  new DomainError('VALIDATION', 'validation.failed', { fields });

/**
 * Validates a lot and derives its mass and the row to write; throws one VALIDATION error listing
 * every field. `today` is the Paris calendar date (a window ending before it cannot be published).
 */
export function prepareLot(input: LotInput, site: SiteRow, today: string) {
  const problems: FieldProblem[] = [];
  const material = getMaterial(input.materialKey);
  if (!material) problems.push({ path: 'materialKey', key: 'lot.materialUnknown' });
  const dims = {
    lengthMm: input.dimensions.lengthMm ?? null,
    widthMm: input.dimensions.widthMm ?? null,
    thicknessMm: input.dimensions.thicknessMm ?? null,
    rollLengthM: input.dimensions.rollLengthM ?? null,
  };
  problems.push(
    ...validateMeasure({
      quantity: input.quantity,
      unit: input.unit,
      dimensions: dims,
      measuredKg: input.measuredKg ?? null,
      material: material ?? null,
    }).map((p) =>
      p.path.startsWith('dimensions.') || p.path === 'quantity' || p.path === 'measuredKg'
        ? p
        : { ...p, path: `dimensions.${p.path}` },
    ),
  );
  if (input.composition?.length) problems.push(...validateComposition(input.composition, 'composition'));
  if (input.availableFrom && input.availableUntil && input.availableUntil < input.availableFrom) {
    problems.push({ path: 'availableUntil', key: 'lot.windowReversed' });
  }
  if (input.publish && input.availableUntil && input.availableUntil < today) {
    problems.push({ path: 'availableUntil', key: 'lot.windowPast' });
  }
  // No trade of a priced lot worth less than 0,50 € in all could ever be paid (Stripe's minimum).
  const sellable = lotReachesMinimumCharge({
    unitPriceCents: input.priceCents ?? null,
    quantity: input.quantity,
    sellerVatRateBps: site.vat_rate_bps,
  });
  if (!sellable) problems.push({ path: 'priceCents', key: 'pricing.belowMinimumCharge' });
  if (problems.length > 0 || !material) throw validation(problems);
  const mass = estimateMassKg({
    material,
    quantity: input.quantity,
    unit: input.unit,
    dimensions: dims,
    measuredKg: input.measuredKg ?? null,
  });
  const searchText = [
    input.title,
    input.description,
    material.label.fr,
    material.label.en,
    ...(material.aliases ?? []),
  ].join(' ');
  return {
    site_id: site.id,
    title: input.title.trim(),
    description: input.description.trim(),
    material_key: material.key,
    family_key: material.familyKey,
    composition: input.composition?.length ? input.composition : null,
    condition: input.condition,
    unit: input.unit,
    quantity: input.quantity,
    length_mm: dims.lengthMm,
    width_mm: dims.widthMm,
    thickness_mm: dims.thicknessMm,
    roll_length_m: dims.rollLengthM,
    mass_kg: mass.ok ? Math.round(mass.kg * 1000) / 1000 : null,
    mass_estimated: mass.ok ? mass.estimated : true,
    mass_method: mass.method,
    price_cents: input.priceCents,
    available_from: input.availableFrom ?? null,
    available_until: input.availableUntil ?? null,
    recurring_quantity: input.recurring?.quantity ?? null,
    recurring_period: input.recurring?.period ?? null,
    ewc_code: input.ewcCode ?? null,
    lat: site.lat,
    lon: site.lon,
    site_sectors: site.sectors,
    searchText,
  };
}
