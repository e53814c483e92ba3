import type { AppLocale } from '../../i18n/i18n.ts';
import { unitSpace, withMinusSign } from '../../lib/typography.ts';

const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function num(value: number, locale: AppLocale, digits = 1): string {
  return withMinusSign(
    new Intl.NumberFormat(tag(locale), { maximumFractionDigits: digits }).format(value),
    locale,
  );
}

/** Rounded as shown (one decimal): the unit switches on the figure the reader sees. */
const shown = (value: number) => Math.abs(Math.round(value * 10) / 10);

/** "1 234,5 kg", or "12,3 t" from 10 tonnes up (9 999,96 kg reads "10 t", not "10 000 kg"). */
export function mass(kg: number, locale: AppLocale): string {
  if (shown(kg) >= 10_000) return `${num(kg / 1000, locale)}${unitSpace(locale)}t`;
  return `${num(kg, locale)}${unitSpace(locale)}kg`;
}

/** "845,2 kg CO2e" or "12,3 t CO2e" from 1 tonne up. */
export function co2e(kg: number, locale: AppLocale): string {
  if (shown(kg) >= 1000) return `${num(kg / 1000, locale)}${unitSpace(locale)}t CO2e`;
  return `${num(kg, locale)}${unitSpace(locale)}kg CO2e`;
}

export function percent(share: number | null, locale: AppLocale): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function km(value: number | null, locale: AppLocale): string {
  return value === null ? '—' : `${num(value, locale)}${unitSpace(locale)}km`;
}

/** "janv. 2026" / "Jan 2026" for a `YYYY-MM` key. */
export function monthLabel(month: string, locale: AppLocale, style: 'short' | 'long' = 'short'): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(tag(locale), { month: style, year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, 1)),
  );
}

/** The current month in Paris as `YYYY-MM`. */
export function currentParisMonth(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const y = parts.find((p) => p.type === 'year')?.value ?? '2026';
  const m = parts.find((p) => p.type === 'month')?.value ?? '01';
  return `${y}-${m}`;
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
