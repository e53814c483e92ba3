/**
 * Catalogue formats shared by the lots and requests features: quantities with their unit,
 * prices per unit, distances and piece dimensions, in French (reference) or English.
 * French numbers use Intl's narrow no-break space (U+202F) as the thousands separator, and a
 * narrow no-break space before a unit symbol ("12,5 kg", "3 m²").
 */
import {
  formatEur,
  getMaterial,
  getMaterialFamily,
  getUnit,
  isUnitKey,
  type LotCondition,
  money,
} from '@retaille/domain/web';
import type { TFunction } from 'i18next';
import type { AppLocale } from '../../i18n/i18n.ts';
import { pluralCategory, withMinusSign } from '../../lib/typography.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatNum(value: number, locale: AppLocale, maximumFractionDigits = 2): string {
  return withMinusSign(new Intl.NumberFormat(tag(locale), { maximumFractionDigits }).format(value), locale);
}

const unitOf = (unit: string) => (isUnitKey(unit) ? getUnit(unit) : null);

/** "12,5 kg", "3 m²", "12 pièces", "1 plaque" (count units are written out, others use their symbol). */
export function formatQuantity(value: number, unit: string, locale: AppLocale): string {
  const u = unitOf(unit);
  const n = formatNum(value, locale);
  if (!u) return `${n}${NBSP}${unit}`;
  if (u.kind === 'count') {
    // Intl's plural rules: French 0, 1 and 1,5 are singular; English only 1.
    const singular = pluralCategory(value, locale) === 'one';
    return `${n}${NBSP}${singular ? u.label[locale] : u.plural[locale]}`;
  }
  return `${n}${NNBSP}${u.symbol[locale]}`;
}

/** "5 à 20 kg", "6 à 20 pièces", "3 plaques" (a range collapses when both ends are equal). */
export function formatQuantityRange(
  min: number,
  max: number,
  unit: string,
  locale: AppLocale,
  t: TFunction<'catalogue'>,
): string {
  if (min === max) return formatQuantity(min, unit, locale);
  const upper = formatQuantity(max, unit, locale);
  return t('format.range', { min: formatNum(min, locale), max: upper });
}

/** The unit after a price: "pièce", "kg", "m²". */
export function unitForPrice(unit: string, locale: AppLocale): string {
  const u = unitOf(unit);
  if (!u) return unit;
  return u.kind === 'count' ? u.label[locale] : u.symbol[locale];
}

export function unitSymbol(unit: string, locale: AppLocale): string {
  return unitOf(unit)?.symbol[locale] ?? unit;
}

/** "Chêne", or the key itself when the taxonomy does not know it. */
export function materialLabel(key: string, locale: AppLocale): string {
  return getMaterial(key)?.label[locale] ?? key;
}

export function familyLabel(key: string, locale: AppLocale): string {
  return getMaterialFamily(key)?.label[locale] ?? key;
}

export function formatMoney(cents: number, locale: AppLocale): string {
  return formatEur(money(cents), locale);
}

/** "4,00 € / pièce", or "Gratuit" for a donation. */
export function formatPrice(
  priceCents: number | null,
  unit: string,
  locale: AppLocale,
  t: TFunction<'catalogue'>,
): string {
  if (priceCents === null) return t('format.free');
  return t('format.pricePerUnit', {
    price: formatMoney(priceCents, locale),
    unit: unitForPrice(unit, locale),
  });
}

/** "à 3,4 km", "à 12 km" (one decimal under 10 km), "sur place" at the very point. */
export function formatDistance(km: number, locale: AppLocale, t: TFunction<'catalogue'>): string {
  if (km < 0.05) return t('format.here');
  const value = formatNum(km, locale, km < 10 ? 1 : 0);
  return t('format.distance', { distance: `${value}${NNBSP}km` });
}

export interface DimensionsLike {
  lengthMm?: number | null;
  widthMm?: number | null;
  thicknessMm?: number | null;
  rollLengthM?: number | null;
}

/**
 * "120 × 30,5 cm · ép. 27 mm", "6 × 3 m · ép. 1 mm", "rouleaux de 25 m · largeur 140 cm"; empty
 * when nothing is known. Stored in millimetres; length and width share one unit, centimetres as
 * in the search filters and requests, metres once the longer side reaches 2 m (a 6 m sail reads
 * « 6 × 3 m », not « 600 × 300 cm »); thickness stays in millimetres, the unit it is searched in.
 */
export function formatDimensions(d: DimensionsLike, locale: AppLocale, t: TFunction<'catalogue'>): string {
  const longest = Math.max(d.lengthMm ?? 0, d.widthMm ?? 0);
  const metres = longest >= 2000;
  const unit = metres ? 'm' : 'cm';
  const side = (mm: number) => (metres ? formatNum(mm / 1000, locale, 2) : formatNum(mm / 10, locale, 1));
  const parts: string[] = [];
  if (d.rollLengthM != null)
    parts.push(t('dims.roll', { r: `${formatNum(d.rollLengthM, locale, 1)}${NNBSP}m` }));
  if (d.lengthMm != null && d.widthMm != null) {
    parts.push(t('dims.lw', { l: side(d.lengthMm), w: `${side(d.widthMm)}${NNBSP}${unit}` }));
  } else if (d.lengthMm != null) {
    parts.push(t('dims.length', { l: `${side(d.lengthMm)}${NNBSP}${unit}` }));
  } else if (d.widthMm != null) {
    parts.push(t('dims.width', { w: `${side(d.widthMm)}${NNBSP}${unit}` }));
  }
  if (d.thicknessMm != null)
    parts.push(t('dims.thickness', { t: `${formatNum(d.thicknessMm, locale, 1)}${NNBSP}mm` }));
  return parts.join(' · ');
}

/** "0,04 kg", "≈ 28 kg" / "1,2 t"; tonnes from 1 000 kg as shown (999,6 kg reads "1 t", not "1 000 kg"). */
export function formatMass(kg: number, locale: AppLocale): string {
  if (Math.round(kg) >= 1000) return `${formatNum(kg / 1000, locale, 2)}${NNBSP}t`;
  return `${formatNum(kg, locale, kg < 1 ? 2 : kg < 10 ? 1 : 0)}${NNBSP}kg`;
}

export function formatDay(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T12:00:00Z`),
  );
}

export function conditionLabel(c: LotCondition | string, t: TFunction<'catalogue'>): string {
  return t(`condition.${c}`);
}
