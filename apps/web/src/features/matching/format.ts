/**
 * Matching figures in French (reference) or English: "1 234,5 kg", "12,3 t·km", "4,2 kg CO2e".
 * French numbers use Intl's narrow no-break space as thousands separator; a narrow no-break
 * space also sits between a number and its unit so they never wrap apart.
 */
import { translate } from '@retaille/api/client';
import type { AppLocale } from '../../i18n/i18n.ts';

export interface ExplanationPartLike {
  key: string;
  params?: Record<string, number> | undefined;
}

const NNBSP = '\u202f';
const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function num(value: number, locale: AppLocale, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits }).format(value);
}

/** "1 234,5 kg" (at most one decimal). */
export const kg = (value: number, locale: AppLocale) => `${num(value, locale, 1)}${NNBSP}kg`;

/** "12,3 t·km". */
export const tonneKm = (value: number, locale: AppLocale) => `${num(value, locale, 1)}${NNBSP}t·km`;

export const co2e = (value: number, locale: AppLocale) => `${kg(value, locale)}${NNBSP}CO2e`;

export const km = (value: number, locale: AppLocale) => `${num(value, locale, 1)}${NNBSP}km`;

export const percent = (ratio: number, locale: AppLocale) =>
  new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

/** "à 12 km, chêne exact, 80 % de la quantité, pièces ≥ 60 cm" from the structured parts. */
export function explanationSentence(parts: ExplanationPartLike[], locale: AppLocale): string {
  return parts.map((p) => translate(p.key, locale, p.params ?? {})).join(', ');
}
