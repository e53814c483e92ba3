import type { AppLocale } from '../i18n/i18n.ts';

const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatNumber(value: number, locale: AppLocale, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits }).format(value);
}

export function formatDate(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
    new Date(iso),
  );
}

export function formatCoordinate(value: number, locale: AppLocale): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 4, maximumFractionDigits: 5 }).format(
    value,
  );
}

export function formatDateTime(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
