import type { Money } from './money.ts';

export type MoneyLocale = 'fr' | 'en';

const formatters: Record<MoneyLocale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/**
 * `12,50 €` in French (no-break spaces exactly as Intl writes them), `€12.50` in English.
 * Cents / 100 is formatted to two decimals, so the float division cannot show a wrong cent.
 */
export function formatEur(amount: Money, locale: MoneyLocale = 'fr'): string {
  return formatters[locale].format(amount.cents / 100);
}
