import { describe, expect, it } from 'vitest';
import { formatCount, frenchTypography, NBSP, NNBSP, pluralCategory, withMinusSign } from './typography.ts';

describe('frenchTypography', () => {
  it.each([
    ['Période : mars', `Période${NBSP}: mars`],
    ['Mot de passe oublié ?', `Mot de passe oublié${NNBSP}?`],
    ['Bravo !', `Bravo${NNBSP}!`],
    ['Vraiment ?!', `Vraiment${NNBSP}?!`],
    ['Excel ; la méthode', `Excel${NNBSP}; la méthode`],
    ['le fichier « méthode et sources ».', `le fichier «${NBSP}méthode et sources${NBSP}».`],
    ['«Denim»', `«${NBSP}Denim${NBSP}»`],
    ["Rapport d'impact", 'Rapport d’impact'],
    ["L'atelier d'Annecy", 'L’atelier d’Annecy'],
  ])('%j → %j', (input, output) => {
    expect(frenchTypography(input)).toBe(output);
  });

  it('leaves glued signs, URLs, times and already-correct text alone', () => {
    for (const text of [
      'à 12:30',
      'https://retaille.fr/lots?q=chêne',
      'rien à changer',
      `Déjà${NNBSP}? Oui${NBSP}: bien`,
      "'quoted'",
      '5 m × 3 m',
    ]) {
      expect(frenchTypography(text)).toBe(text);
    }
  });

  it('is idempotent', () => {
    const once = frenchTypography("Votre territoire : « tout le réseau » ? C'est noté !");
    expect(frenchTypography(once)).toBe(once);
    expect(once).toBe(`Votre territoire${NBSP}: «${NBSP}tout le réseau${NBSP}»${NNBSP}? C’est noté${NNBSP}!`);
  });
});

describe('plurals', () => {
  it('French: 0 and 1 (and 1,5) are singular; English: only 1', () => {
    expect(pluralCategory(0, 'fr')).toBe('one');
    expect(pluralCategory(1.5, 'fr')).toBe('one');
    expect(pluralCategory(2, 'fr')).toBe('other');
    expect(pluralCategory(1_000_000, 'fr')).toBe('many');
    expect(pluralCategory(0, 'en')).toBe('other');
    expect(pluralCategory(1, 'en')).toBe('one');
  });

  it.each([
    [0, 'fr', `0${NBSP}pièce`],
    [1, 'fr', `1${NBSP}pièce`],
    [1.5, 'fr', `1,5${NBSP}pièce`],
    [2, 'fr', `2${NBSP}pièces`],
    [12_000, 'fr', `12${NNBSP}000${NBSP}pièces`],
    [0, 'en', `0${NBSP}pieces`],
    [1, 'en', `1${NBSP}piece`],
  ] as const)('formatCount(%s, %s) → %j', (n, locale, text) => {
    const words = locale === 'fr' ? { one: 'pièce', other: 'pièces' } : { one: 'piece', other: 'pieces' };
    expect(formatCount(n, words, locale)).toBe(text);
  });
});

describe('minus sign', () => {
  it('French negative numbers take U+2212, English keeps the hyphen; ranges and words are left alone', () => {
    expect(withMinusSign('-2,5', 'fr')).toBe('\u22122,5');
    expect(withMinusSign('de -3 à -1', 'fr')).toBe('de \u22123 à \u22121');
    expect(withMinusSign('-2.5', 'en')).toBe('-2.5');
    expect(withMinusSign('2026-03', 'fr')).toBe('2026-03');
    expect(withMinusSign('e-mail', 'fr')).toBe('e-mail');
  });
});
