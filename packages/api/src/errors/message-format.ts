/** What the message tables share: the locales, parameters, and number, money and size formats. */
export type Locale = 'fr' | 'en';
export type Params = Record<string, string | number>;
export type Text = string | ((p: Params) => string);

export function fmt(v: string | number | undefined, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(
    Number(v ?? 0),
  );
}

export function eur(cents: string | number | undefined, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  }).format(Number(cents ?? 0) / 100);
}

export function dims(p: Params, locale: Locale): string {
  const parts = [p.minLengthMm, p.minWidthMm, p.minThicknessMm].filter((v) => v !== undefined && v !== null);
  return parts.map((v) => `${fmt(Number(v) / 10, locale)} cm`).join(' × ');
}
