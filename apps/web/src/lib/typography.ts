/**
 * French typography for the interface's texts (Imprimerie nationale rules, as Intl applies them
 * to numbers): a narrow no-break space (U+202F) before « ; ! ? », a no-break space (U+00A0)
 * before « : » and inside « guillemets », the typographic apostrophe, and counts written with
 * their plural from Intl.PluralRules (French: « 0 pièce », « 1,5 pièce », « 2 pièces »).
 * English texts are left as written.
 */
import type { AppLocale } from '../i18n/i18n.ts';

export const NBSP = '\u00a0';
export const NNBSP = '\u202f';

/**
 * French spacing and apostrophes for one text. Ordinary spaces (and none) before « ; ! ? » become
 * narrow no-break spaces; before « : », a no-break space. A missing space is not added where the
 * sign is glued to a word on purpose (`12:30`, `https://`, `?q=`), and the text's own no-break
 * spaces are kept. Apostrophes between letters become ’ (« l’atelier »).
 */
export function frenchTypography(text: string): string {
  if (!/[:;!?«»']/.test(text)) return text;
  return (
    text
      // « guillemets »: no-break space inside, whatever was there.
      .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
      // A plain space before ; ! ? (one or more of them: « ?! ») → narrow no-break space.
      .replace(/ +([;!?]+)(?=\s|$|[»)\]])/g, `${NNBSP}$1`)
      // A plain space before a colon → no-break space.
      .replace(/ +:(?=\s|$)/g, `${NBSP}:`)
      // l'atelier → l’atelier (only between letters: code, quotes and feet/inches are left alone).
      .replace(/(\p{L})'(\p{L})/gu, '$1’$2')
  );
}

/**
 * French writes negative numbers with the minus sign (U+2212), which Intl's French data leaves as a
 * hyphen-minus: « −2,5 », not « -2,5 ». English keeps the hyphen-minus.
 */
export function withMinusSign(formatted: string, locale: AppLocale): string {
  return locale === 'fr' ? formatted.replace(/(^|[\s(])-(?=\d)/gu, '$1\u2212') : formatted;
}

/** The space between a number and its unit: narrow no-break in French (« 12,5 kg »), a plain space in English. */
export const unitSpace = (locale: AppLocale): string => (locale === 'fr' ? NNBSP : ' ');

const pluralRules = new Map<AppLocale, Intl.PluralRules>();
/** The CLDR plural category of `n` in `locale` ('one', 'many', 'other'…). */
export function pluralCategory(n: number, locale: AppLocale): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale === 'fr' ? 'fr-FR' : 'en-GB');
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/** « 1 pièce », « 2 pièces », « 0 pièce » (fr) / « 0 pieces » (en): the number as Intl writes it, a no-break space, the word. */
export function formatCount(
  n: number,
  words: { one: string; other: string },
  locale: AppLocale,
  maximumFractionDigits = 2,
): string {
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits }).format(
    n,
  );
  return `${number}${NBSP}${pluralCategory(n, locale) === 'one' ? words.one : words.other}`;
}
