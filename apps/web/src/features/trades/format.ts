/**
 * Formats of the trades feature: euros from integer cents, decimal quantities (the API sends
 * them as exact strings) with their unit, weights, basis points and Paris times, in French
 * (reference) or English. French numbers use a narrow no-break space before a unit symbol.
 */
import type { TradeOutput } from '@retaille/api/client';
import { formatEur, getUnit, isUnitKey, money } from '@retaille/domain/web';
import type { AppLocale } from '../../i18n/i18n.ts';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');
const TZ = 'Europe/Paris';

export function formatCents(cents: number, locale: AppLocale): string {
  return formatEur(money(Math.max(0, cents)), locale);
}

export function formatNumber(value: number | string, locale: AppLocale, maximumFractionDigits = 3): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits }).format(Number(value));
}

/** "12 pièces", "3,5 kg", "2 m²". */
export function formatQty(value: number | string, unit: string, locale: AppLocale): string {
  const n = Number(value);
  const text = formatNumber(n, locale);
  if (!isUnitKey(unit)) return `${text}${NBSP}${unit}`;
  const u = getUnit(unit);
  if (u.kind === 'count') {
    const singular = locale === 'fr' ? Math.abs(n) < 2 : n === 1;
    return `${text}${NBSP}${singular ? u.label[locale] : u.plural[locale]}`;
  }
  return `${text}${NNBSP}${u.symbol[locale]}`;
}

/** The unit's name for a field help: "pièces", "kg". */
export function unitName(unit: string, locale: AppLocale): string {
  if (!isUnitKey(unit)) return unit;
  const u = getUnit(unit);
  return u.kind === 'count' ? u.plural[locale] : u.symbol[locale];
}

/** The unit after a price: "pièce", "kg". */
export function unitForPrice(unit: string, locale: AppLocale): string {
  if (!isUnitKey(unit)) return unit;
  const u = getUnit(unit);
  return u.kind === 'count' ? u.label[locale] : u.symbol[locale];
}

export function formatKg(kg: number | string, locale: AppLocale): string {
  return `${formatNumber(kg, locale)}${NNBSP}kg`;
}

/** 2000 bps → "20 %" / "20%". */
export function formatBps(bps: number, locale: AppLocale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
}

export function formatWhen(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TZ,
  }).format(new Date(iso));
}

export function formatDay(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: TZ }).format(new Date(iso));
}

/** "mar. 3 déc. 2026, 10:00 – 12:00", or both ends in full when the slot spans days. */
export function formatSlot(start: string, end: string, locale: AppLocale): string {
  const a = new Date(start);
  const b = new Date(end);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d);
  const first = new Intl.DateTimeFormat(tag(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TZ,
  }).format(a);
  const last =
    day(a) === day(b)
      ? new Intl.DateTimeFormat(tag(locale), { hour: '2-digit', minute: '2-digit', timeZone: TZ }).format(b)
      : formatWhen(end, locale);
  return `${first} – ${last}`;
}

/** The short reference printed on the slip and shown in titles: the first 8 characters, upper case. */
export const tradeRef = (id: string) => id.slice(0, 8).toUpperCase();

/** What the buyer pays in the end: the final amount after the measured weight, else the quoted total. */
export const totalOf = (trade: TradeOutput) => trade.final?.totalCents ?? trade.price.totalCents;
