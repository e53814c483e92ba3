import type { AppLocale } from '../../i18n/i18n.ts';

export type {
  AuditEntry,
  Dispute,
  ModerationHold,
  MoneyOwed,
  Reconciliation,
  RoleHolder,
  VerificationItem,
} from '@retaille/api/client';

const tag = (locale: AppLocale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** "12,50 €" from integer cents. */
export function euros(cents: number, locale: AppLocale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function dateTime(iso: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(tag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

/** A euro amount typed in French or English ("12,50", "12.5") to cents; null when unreadable. */
export function centsOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}
